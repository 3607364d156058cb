/*
 * shortest_decimal.h - the shortest decimal that reads back as a given DOUBLE or FLOAT.
 *
 * Text output (CSV, JSON lines, tables) prints floating-point values as the fewest significant
 * digits that parse back to the same value, the closest such decimal when several qualify.
 * Searching with printf and strtod gives that too, but costs microseconds per value; this is
 * exact integer arithmetic over the value's rounding interval.
 */
#ifndef PM_DATA_SHORTEST_DECIMAL_H
#define PM_DATA_SHORTEST_DECIMAL_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Finds digits * 10^exp10 (digits without trailing zeros) for a finite, positive v (a float
 * widened to double when `single`). Returns false for values outside the range this exact
 * method covers (about 1e-15 to 1e17 for DOUBLE, 1e-36 to 2e8 for FLOAT, no subnormals); the
 * caller then searches with printf.
 */
bool pm_shortest_decimal(double v, bool single, uint64_t *digits, int *exp10);

#endif
