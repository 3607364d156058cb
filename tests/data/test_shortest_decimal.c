/* The shortest decimal of a DOUBLE or FLOAT, checked against a printf search for the fewest
 * digits that read back (the oracle), on values across the whole range the fast method covers. */
#include "test.h"
#include "data/shortest_decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t next_random(uint64_t *s) { /* xorshift64 */
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static bool reads_back(const char *text, double v, bool single) {
    return single ? strtof(text, NULL) == (float)v : strtod(text, NULL) == v;
}

/* The oracle: the fewest digits, rounded correctly, that read back as v. */
static void oracle(double v, bool single, char *digits, int *exp10) {
    char t[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(t, sizeof t, "%.*e", p - 1, v);
        if (reads_back(t, v, single))
            break;
    }
    int n = 0;
    for (const char *s = t; *s != 'e'; s++) {
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    }
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *exp10 = atoi(strchr(t, 'e') + 1) - (n - 1);
}

/* 0: agrees with the oracle; 1: differs; 2: not covered. A power of two (lopsided rounding
 * interval) may read back from a decimal with fewer digits than the correctly rounded ones:
 * that shorter decimal is also accepted there. */
static int check(double v, bool single, bool power_of_two) {
    uint64_t digits;
    int exp10;
    if (!pm_shortest_decimal(v, single, &digits, &exp10))
        return 2;
    char want[32], got[32], text[64];
    int want_exp;
    oracle(v, single, want, &want_exp);
    snprintf(got, sizeof got, "%llu", (unsigned long long)digits);
    if (strcmp(got, want) == 0 && exp10 == want_exp)
        return 0;
    snprintf(text, sizeof text, "%se%d", got, exp10);
    if (power_of_two && strlen(got) < strlen(want) && reads_back(text, v, single))
        return 0;
    fprintf(stderr, "%s %.17g: got %s, expected %se%d\n", single ? "FLOAT" : "DOUBLE", v, text,
            want, want_exp);
    return 1;
}

TEST(doubles_agree_with_the_oracle) {
    uint64_t s = 88172645463325252ULL;
    int failures = 0, covered = 0;
    for (int i = 0; i < 300000 && failures < 10; i++) {
        uint64_t e = 1023 - 60 + next_random(&s) % 120, m = next_random(&s) & ((1ULL << 52) - 1);
        bool pow2 = i % 50 == 0;
        uint64_t bits = (e << 52) | (pow2 ? 0 : m);
        double v;
        memcpy(&v, &bits, sizeof v);
        int r = check(v, false, pow2);
        failures += r == 1;
        covered += r == 0;
    }
    CHECK_EQ_INT(failures, 0);
    CHECK(covered > 200000); /* most of the exponents drawn are in range */
}

TEST(floats_agree_with_the_oracle) {
    uint64_t s = 0x2545F4914F6CDD1DULL;
    int failures = 0, covered = 0;
    for (int i = 0; i < 300000 && failures < 10; i++) {
        uint32_t e = (uint32_t)(1 + next_random(&s) % 160), m = next_random(&s) & 0x7FFFFF;
        bool pow2 = i % 50 == 0;
        uint32_t bits = (e << 23) | (pow2 ? 0 : m);
        float f;
        memcpy(&f, &bits, sizeof f);
        int r = check(f, true, pow2);
        failures += r == 1;
        covered += r == 0;
    }
    CHECK_EQ_INT(failures, 0);
    CHECK(covered > 200000);
}

TEST(every_power_of_two_and_decimal_edges) {
    int failures = 0;
    for (int e = -1100; e <= 1100; e++) {
        failures += check(ldexp(1.0, e), false, true) == 1;
        failures += check((double)ldexpf(1.0f, e), true, true) == 1;
    }
    static const double values[] = {0.1, 0.2, 0.3, 1.0, 9.5, 10.0, 100.0, 1e15, 1e16, 9e15,
                                    9007199254740991.0, 9007199254740993.0, 123456789.125,
                                    0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 1e-10, 4.35, 2.675};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        failures += check(values[i], false, false) == 1;
        failures += check((double)(float)values[i], true, false) == 1;
    }
    CHECK_EQ_INT(failures, 0);
    uint64_t digits;
    int exp10;
    CHECK(pm_shortest_decimal(0.3, false, &digits, &exp10));
    CHECK_EQ_INT(digits, 3);
    CHECK_EQ_INT(exp10, -1);
    CHECK(pm_shortest_decimal(0.1 + 0.2, false, &digits, &exp10));
    CHECK_EQ_INT(digits, 30000000000000004ULL);
    CHECK_EQ_INT(exp10, -17);
    CHECK(pm_shortest_decimal((double)0.1f, true, &digits, &exp10));
    CHECK_EQ_INT(digits, 1);
    CHECK_EQ_INT(exp10, -1);
    CHECK(pm_shortest_decimal(1500.0, false, &digits, &exp10));
    CHECK_EQ_INT(digits, 15);
    CHECK_EQ_INT(exp10, 2);
}

TEST(values_outside_the_method_are_declined) {
    uint64_t digits;
    int exp10;
    CHECK(!pm_shortest_decimal(0.0, false, &digits, &exp10));
    CHECK(!pm_shortest_decimal(-1.0, false, &digits, &exp10));
    CHECK(!pm_shortest_decimal(1e300, false, &digits, &exp10));
    CHECK(!pm_shortest_decimal(5e-324, false, &digits, &exp10));
    CHECK(!pm_shortest_decimal(INFINITY, false, &digits, &exp10));
    CHECK(!pm_shortest_decimal(NAN, true, &digits, &exp10));
    CHECK(!pm_shortest_decimal(1e30, true, &digits, &exp10));
}
