/* Nested aggregate functions: collect, merge_map, merge_map_with_keytime, nested_update,
 * nested_partial_update, and value functions over nested types.
 *
 * Element orders where Java iterates a HashSet/HashMap were produced by running the same
 * sequences through java.util.HashSet/HashMap (OpenJDK 17) with keys whose hashCode, equals and
 * compareTo are those of Paimon's Integer/Long/Double/BigDecimal/BinaryString/BinaryRow values. */
#include "agg_test_util.h"

#define E(code) NULL, code
#define DISTINCT {{"distinct", "true"}}

static const agg_case collect_cases[] = {
    {"collect", "ARRAY<INT>", {"+[1,2]", "+null", "+[2,3]", NULL}, "[1,2,2,3]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+null", "+null", NULL}, "null", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[]", "+[1]", NULL}, "[1]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1,null]", "+[null]", NULL}, "[1,null,null]", 0, {{0}}},
    {"collect", "ARRAY<STRING>", {"+[a,b]", "+[c]", NULL}, "[a,b,c]", 0, {{0}}},
    /* retraction removes one accumulated element per retracted element */
    {"collect", "ARRAY<INT>", {"+[1,2,2,3]", "-[2,4]", NULL}, "[1,2,3]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1,2,2,3]", "-[2,2,2]", NULL}, "[1,3]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1,null,3]", "-[null]", NULL}, "[1,3]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1]", "-null", NULL}, "[1]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1]", "-[]", NULL}, "[1]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"-[1]", NULL}, "null", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1]", "-[1]", NULL}, "[]", 0, {{0}}},
    {"collect", "ARRAY<DOUBLE>", {"+[0.0,-0.0]", "-[0.0]", NULL}, "[-0]", 0, {{0}}},
    /* distinct: HashSet order */
    {"collect", "ARRAY<INT>", {"+[5,3,5,100,17,-1,65536,65537]", "+[16,1,33,-1,48]", NULL},
     "[-1,65537,16,48,17,65536,1,33,3,100,5]", 0, DISTINCT},
    {"collect", "ARRAY<INT>", {"+null", NULL}, "null", 0, DISTINCT},
    {"collect", "ARRAY<INT>", {"+[2,1,2]", "+null", NULL}, "[1,2]", 0, DISTINCT},
    {"collect", "ARRAY<INT>", {"+[3,null,0,65536]", "+[2,0]", NULL}, "[null,0,65536,2,3]", 0,
     DISTINCT},
    /* 8+ colliding hashes: resizes to 64, then a red-black tree bin */
    {"collect", "ARRAY<INT>",
     {"+[13312,3072,7168,1024,12288,0,9216]", "+[2048,11264,5120,4096,10240,6144,8192,7,1031]",
      NULL},
     "[7168,13312,3072,1024,12288,0,9216,8192,2048,11264,10240,5120,6144,4096,7,1031]", 0,
     DISTINCT},
    {"collect", "ARRAY<INT>",
     {"+[0,2368,2112,1856,1600,1344,1088,832,576,320,64,2432,2176,1920,1664,1408,1152,896,640,384]",
      "+[128,2496,2240,1984,1728,1472,1216,960,704,448,192,2560,2304,2048,1792,1536,1280,1024,768,"
      "512]",
      "+[1,2,3]", NULL},
     "[512,192,1152,1344,1408,1472,1536,1280,1216,768,832,1024,960,896,1088,640,576,704,2112,2048,"
     "1920,1984,1856,1664,1728,1792,2368,2432,2496,2560,2240,2304,2176,1600,0,64,128,320,384,448,"
     "1,2,3]",
     0, DISTINCT},
    {"collect", "ARRAY<INT>",
     {"+[null,0,4096,8192,12288,16384,20480,24576,28672,32768,36864,40960,45056]", NULL},
     "[8192,null,0,4096,12288,16384,20480,24576,28672,32768,36864,40960,45056]", 0, DISTINCT},
    {"collect", "ARRAY<BIGINT>",
     {"+[5,-5,4294967296,-4294967296,-9223372036854775808,9223372036854775807,0]", NULL},
     "[-4294967296,-9223372036854775808,9223372036854775807,0,4294967296,-5,5]", 0, DISTINCT},
    {"collect", "ARRAY<DOUBLE>", {"+[0.0,-0.0,1.5,nan,-2.25,1e300,0.1]", NULL},
     "[0,-0,-2.25,0.10000000000000001,1.0000000000000001e+300,1.5,nan]", 0, DISTINCT},
    {"collect", "ARRAY<FLOAT>", {"+[0.0,-0.0,1.5,nan,-2.25,0.1]", NULL},
     "[0,-0,1.5,nan,-2.25,0.100000001]", 0, DISTINCT},
    {"collect", "ARRAY<DECIMAL(10, 2)>", {"+[1.25,-1.25,0.00,123456789.99,-99999999.01]", NULL},
     "[-1.25,0.00,-99999999.01,1.25,123456789.99]", 0, DISTINCT},
    {"collect", "ARRAY<DECIMAL(30, 2)>",
     {"+[123456789012345678901234.56,-123456789012345678901234.56,92233720368547758.08,"
      "-92233720368547758.08,0.01]",
      NULL},
     "[0.01,92233720368547758.08,-92233720368547758.08,-123456789012345678901234.56,"
     "123456789012345678901234.56]",
     0, DISTINCT},
    {"collect", "ARRAY<STRING>", {"+[apple,banana,cherry,a,bb,ccc]", "+[dddd,\xc3\xa9t\xc3\xa9,,zebra,apple]",
                                  NULL},
     "[bb,zebra,,a,ccc,\xc3\xa9t\xc3\xa9,apple,cherry,banana,dddd]", 0, DISTINCT},
    {"collect", "ARRAY<STRING>",
     {"+[k0,k1,k2,k3,k4,k5,k6,k7,k8,k9,k10,k11,k12,k13,k14,k15,k16,k17,k18,k19,k20,k21,k22,k23,"
      "k24,k25,k26,k27,k28,k29]",
      NULL},
     "[k9,k19,k8,k0,k23,k18,k1,k27,k29,k15,k4,k13,k28,k6,k3,k14,k25,k20,k10,k2,k22,k5,k12,k16,k24,"
     "k7,k21,k11,k26,k17]",
     0, DISTINCT},
    /* binary and nested elements use the equaliser: list order, first occurrence wins */
    {"collect", "ARRAY<BYTES>", {"+[0x01,0x02]", "+[0x02,0x03,0x03]", NULL}, "[0x01,0x02,0x03]", 0,
     DISTINCT},
    {"collect", "ARRAY<BYTES>", {"+[0x01,0x01]", "+[0x01]", NULL}, "[0x01]", 0, DISTINCT},
    {"collect", "ARRAY<ROW<a INT, b STRING>>", {"+[(1,x),(2,y)]", "+[(2,y),(1,z),(1,z),null,null]",
                                                NULL},
     "[(1,x),(2,y),(1,z),null]", 0, DISTINCT},
    {"collect", "ARRAY<ARRAY<INT>>", {"+[[1,2],[1]]", "+[[1],[1,2,3]]", NULL}, "[[1,2],[1],[1,2,3]]",
     0, DISTINCT},
    {"collect", "ARRAY<ROW<a INT>>", {"+[(1),(2),(1)]", "-[(1)]", NULL}, "[(2)]", 0, DISTINCT},
    {"collect", "ARRAY<INT>", {NULL}, E(PAIMON_EINVAL), {{"distinct", "1"}}},
};

TEST(collect) { RUN_CASES(collect_cases); }

/* aggReversed: collect overrides it with a plain add (its accumulator is already distinct),
 * but the ignore-retract wrapper does not forward the override and swaps the arguments. */
static const agg_case collect_reversed_cases[] = {
    {"collect", "ARRAY<INT>", {"+[1]", "<[2,3]", NULL}, "[1,2,3]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"+[1]", "^[2,3]", NULL}, "[2,3,1]", 0, {{0}}},
    {"collect", "ARRAY<INT>", {"^[2,3]", NULL}, "[2,3]", 0, {{0}}},
};

TEST(collect_reversed) { RUN_CASES(collect_reversed_cases); }

static const agg_case map_cases[] = {
    {"merge_map", "MAP<INT, STRING>", {"+{1=a,2=b}", "+null", "+{2=c,3=d}", NULL}, "{1=a,2=c,3=d}", 0,
     {{0}}},
    {"merge_map", "MAP<INT, STRING>", {"+{3=a}", NULL}, "{3=a}", 0, {{0}}},
    /* the first input is kept as it is, later results are in HashMap order */
    {"merge_map", "MAP<INT, STRING>", {"+{65536=a,3=b}", NULL}, "{65536=a,3=b}", 0, {{0}}},
    {"merge_map", "MAP<INT, STRING>", {"+{65536=a,3=b}", "+{}", NULL}, "{65536=a,3=b}", 0, {{0}}},
    {"merge_map", "MAP<INT, STRING>", {"+{3=b,1=a}", "+{}", NULL}, "{1=a,3=b}", 0, {{0}}},
    {"merge_map", "MAP<INT, STRING>", {"+{1=a}", "+{1=null}", NULL}, "{1=null}", 0, {{0}}},
    {"merge_map", "MAP<STRING, INT>", {"+{apple=1,banana=2,cherry=3}", "+{a=4,bb=5,ccc=6}", NULL},
     "{bb=5,a=4,ccc=6,apple=1,cherry=3,banana=2}", 0, {{0}}},
    {"merge_map", "MAP<INT, INT>", {"+{1=1,2=2,3=3}", "-{2=100,4=4}", NULL}, "{1=1,3=3}", 0, {{0}}},
    {"merge_map", "MAP<INT, INT>", {"+{1=1,2=2}", "-{}", NULL}, "{1=1,2=2}", 0, {{0}}},
    {"merge_map", "MAP<INT, INT>", {"+{1=1,2=2}", "-null", NULL}, "{1=1,2=2}", 0, {{0}}},
    {"merge_map", "MAP<INT, INT>", {"-{1=1}", NULL}, "null", 0, {{0}}},
    {"merge_map", "MAP<INT, INT>", {"+{1=1}", "-{1=5}", NULL}, "{}", 0, {{0}}},
    {"merge_map", "MAP<BYTES, INT>", {"+{0x01=1,0x02=2}", "+{0x01=3}", "-{0x02=0}", NULL}, "{0x01=3}",
     0, {{0}}},
    {"merge_map", "MAP<DOUBLE, INT>", {"+{0.0=1}", "+{-0.0=2,nan=3}", "+{nan=4}", NULL},
     "{0=1,-0=2,nan=4}", 0, {{0}}},
    {"merge_map", "MAP<ARRAY<INT>, INT>", {NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"merge_map", "MAP<ROW<a INT>, INT>", {NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
};

TEST(merge_map) { RUN_CASES(map_cases); }

#define KT "MAP<INT, ROW<v STRING, ts STRING>>"

static const agg_case keytime_cases[] = {
    {"merge_map_with_keytime", KT, {"+{1=(a,2024-01-02)}", "+{1=(b,2024-01-01)}", NULL},
     "{1=(a,2024-01-02)}", 0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,2024-01-02)}", "+{1=(b,2024-01-03)}", NULL},
     "{1=(b,2024-01-03)}", 0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,2024-01-02)}", "+{1=(b,2024-01-02)}", NULL},
     "{1=(a,2024-01-02)}", 0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,2024),2=(b,2024)}", "+{1=null}", NULL}, "{2=(b,2024)}",
     0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,2024)}", "+{1=(b,null)}", NULL}, "{1=(a,2024)}", 0,
     {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,null)}", "+{1=(b,1)}", NULL}, "{1=(b,1)}", 0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=null}", "+{1=(b,1)}", NULL}, "{1=(b,1)}", 0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,1)}", "+null", NULL}, "{1=(a,1)}", 0, {{0}}},
    {"merge_map_with_keytime", KT, {"+{3=(a,1),65536=(b,1)}", NULL}, "{3=(a,1),65536=(b,1)}", 0,
     {{0}}},
    /* ts field chosen by name; compared as Java strings (UTF-16 units) */
    {"merge_map_with_keytime", "MAP<INT, ROW<ts STRING, v INT>>",
     {"+{1=(\xef\xbd\x81,1)}", "+{1=(\xf0\x9f\x98\x80,2)}", NULL}, "{1=(\xef\xbd\x81,1)}", 0,
     {{"ts-field", "ts"}}},
    /* removals from a red-black tree bin */
    {"merge_map_with_keytime", KT,
     {"+{0=(a,1),7168=(a,1),14336=(a,1),1024=(a,1),8192=(a,1),15360=(a,1),2048=(a,1),9216=(a,1),"
      "16384=(a,1),3072=(a,1),10240=(a,1),17408=(a,1),4096=(a,1),11264=(a,1),18432=(a,1),5120=(a,1),"
      "12288=(a,1),19456=(a,1),6144=(a,1),13312=(a,1)}",
      "+{7168=null,0=null,14336=null,3072=null,19456=null,1024=null,5=(x,1)}", NULL},
     "{8192=(a,1),15360=(a,1),2048=(a,1),9216=(a,1),16384=(a,1),17408=(a,1),18432=(a,1),4096=(a,1),"
     "5120=(a,1),6144=(a,1),10240=(a,1),11264=(a,1),12288=(a,1),13312=(a,1),5=(x,1)}",
     0, {{0}}},
    {"merge_map_with_keytime", KT,
     {"+{0=(a,1),2048=(a,1),4096=(a,1),6144=(a,1),8192=(a,1),10240=(a,1),12288=(a,1),14336=(a,1),"
      "16384=(a,1),18432=(a,1),20480=(a,1),22528=(a,1)}",
      "+{0=null,2048=null,4096=null,6144=null,8192=null,10240=null,12288=null,14336=null,16384=null}",
      NULL},
     "{18432=(a,1),20480=(a,1),22528=(a,1)}", 0, {{0}}},
    {"merge_map_with_keytime", "MAP<INT, ROW<v STRING, ts INT>>", {"+{1=(a,1)}", "+{1=(b,2)}", NULL},
     E(PAIMON_EINVAL), {{0}}},
    {"merge_map_with_keytime", KT, {"+{1=(a,1)}", "-{1=(a,1)}", NULL}, E(PAIMON_EUNSUPPORTED), {{0}}},
    {"merge_map_with_keytime", "MAP<INT, STRING>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"merge_map_with_keytime", "MAP<INT, ROW<v STRING>>", {NULL}, E(PAIMON_EINVAL), {{0}}},
    {"merge_map_with_keytime", KT, {NULL}, E(PAIMON_EINVAL), {{"ts-field", "nope"}}},
};

TEST(merge_map_with_keytime) { RUN_CASES(keytime_cases); }

#define NT "ARRAY<ROW<k0 INT, k1 INT, v STRING>>"
#define KEYS {{"nested-key", "k0,k1"}}
#define KEYS_(...) {{"nested-key", "k0, k1", __VA_ARGS__}}

static const agg_case nested_cases[] = {
    /* FieldAggregatorTest.testFieldNestedUpdateAgg */
    {"nested_update", NT, {"+[(0,0,A)]", "+[(0,1,B)]", "+[(0,1,b)]", NULL}, "[(0,0,A),(0,1,b)]", 0,
     KEYS},
    {"nested_update", NT, {"+[(0,0,A)]", "+[(0,1,B)]", "+[(0,1,b)]", "-[(0,1,b)]", NULL},
     "[(0,0,A)]", 0, KEYS},
    /* HashMap<BinaryRow, InternalRow> order */
    {"nested_update", NT,
     {"+[(0,0,a),(0,1,a),(1,0,a),(5,7,a),(100,3,a),(3,100,a),(-1,-1,a),(2,2,a)]", NULL},
     "[(0,0,a),(-1,-1,a),(3,100,a),(0,1,a),(100,3,a),(1,0,a),(5,7,a),(2,2,a)]", 0, KEYS},
    {"nested_update", NT,
     {"+[(0,0,a),(0,1,a),(1,0,a),(5,7,a),(100,3,a),(3,100,a),(-1,-1,a),(2,2,a)]",
      "+[(9,9,b),(0,1,b),(4,4,b)]", NULL},
     "[(4,4,b),(0,0,a),(-1,-1,a),(9,9,b),(3,100,a),(0,1,b),(100,3,a),(1,0,a),(5,7,a),(2,2,a)]", 0,
     KEYS},
    /* FieldAggregatorTest.testFieldNestedAppendAgg: no key appends, retraction removes equals */
    {"nested_update", NT, {"+[(0,1,B)]", "+[(0,1,b)]", "-[(0,1,b)]", NULL}, "[(0,1,B)]", 0, {{0}}},
    {"nested_update", NT, {"+[(0,1,B),null]", "+[(0,1,B),null]", "-[(0,1,B)]", NULL}, "[]", 0,
     {{0}}},
    {"nested_update", NT, {"+null", "+[null]", NULL}, "[]", 0, {{0}}},
    {"nested_update", NT, {"-[(1,1,x)]", NULL}, "null", 0, {{0}}},
    /* count-limit without key */
    {"nested_update", NT, {"+[(1,1,a),(2,2,b),(3,3,c)]", NULL}, "[(1,1,a),(2,2,b)]", 0,
     {{"count-limit", "2"}}},
    {"nested_update", NT, {"+[(1,1,a)]", "+[null,(2,2,b),(3,3,c)]", NULL}, "[(1,1,a),(2,2,b)]", 0,
     {{"count-limit", "2"}}},
    {"nested_update", NT, {"+[(1,1,a),(2,2,b)]", "+[(3,3,c)]", NULL}, "[(1,1,a),(2,2,b)]", 0,
     {{"count-limit", "2"}}},
    /* the accumulator's size counts its nulls (only a set value can hold them) */
    {"nested_update", NT, {"=[null,(1,1,a)]", "+[(3,3,c)]", NULL}, "[null,(1,1,a)]", 0,
     {{"count-limit", "2"}}},
    {"nested_update", NT, {"+[(1,1,a)]", NULL}, "[]", 0, {{"count-limit", "0"}}},
    {"nested_update", NT, {"+[(1,1,a)]", NULL}, "[]", 0, {{"count-limit", "-3"}}},
    {"nested_update", NT, {"=[(1,1,a)]", "+[(2,2,b)]", NULL}, "[(1,1,a)]", 0, {{"count-limit", "-3"}}},
    {"nested_update", NT, {"+[(1,1,a)]", NULL}, "[]", 0, KEYS_("count-limit", "-1")},
    /* count-limit with key: existing keys still update, new keys stop at the limit */
    {"nested_update", NT, {"+[(1,1,a),(2,2,b)]", "+[(2,2,B),(3,3,c)]", NULL}, "[(1,1,a),(2,2,B)]", 0,
     KEYS_("count-limit", "2")},
    {"nested_update", NT, {"+[(1,1,a),(2,2,b),(3,3,c)]", NULL}, "[(1,1,a),(2,2,b)]", 0,
     KEYS_("count-limit", "2")},
    /* nested-sequence-field: update only when the sequence is not smaller */
    {"nested_update", "ARRAY<ROW<k INT, s INT, v STRING>>",
     {"+[(1,5,a)]", "+[(1,4,b)]", "+[(1,5,c)]", "+[(1,null,d)]", NULL}, "[(1,5,c)]", 0,
     {{"nested-key", "k", "nested-sequence-field", "s"}}},
    {"nested_update", "ARRAY<ROW<k INT, s INT, t STRING, v STRING>>",
     {"+[(1,5,b,a)]", "+[(1,5,a,b)]", "+[(1,5,c,c)]", "+[(1,6,a,d),(1,4,z,e)]", NULL},
     "[(1,6,a,d)]", 0, {{"nested-key", "k", "nested-sequence-field", "s,t"}}},
    /* null keys: merge (default), ignore, error */
    {"nested_update", NT, {"+[(1,null,a)]", "+[(1,null,b)]", NULL}, "[(1,null,b)]", 0, KEYS},
    {"nested_update", NT, {"+[(1,null,a),(1,1,x)]", "+[(1,null,b)]", NULL}, "[(1,1,x)]", 0,
     KEYS_("nested-key-null-strategy", "IGNORE")},
    {"nested_update", NT, {"+[(1,1,x)]", "+[(null,1,b)]", NULL}, E(PAIMON_EINVAL),
     KEYS_("nested-key-null-strategy", "error")},
    {"nested_update", NT, {"=[(1,null,a),(1,1,x)]", "-[(2,2,y)]", NULL}, "[(1,1,x)]", 0,
     KEYS_("nested-key-null-strategy", "ignore")},
    {"nested_update", NT, {"+[(1,1,x),(2,2,y)]", "-[(1,null,a),(1,1,q)]", NULL}, "[(2,2,y)]", 0,
     KEYS_("nested-key-null-strategy", "ignore")},
    /* option checks */
    {"nested_update", NT, {NULL}, E(PAIMON_EINVAL), {{"nested-key-null-strategy", "ignore"}}},
    {"nested_update", NT, {NULL}, E(PAIMON_EINVAL), {{"nested-sequence-field", "v"}}},
    {"nested_update", NT, {NULL}, E(PAIMON_EINVAL), {{"nested-key", "k9"}}},
    {"nested_update", NT, {NULL}, E(PAIMON_EINVAL), KEYS_("nested-key-null-strategy", "drop")},
    {"nested_update", NT, {NULL}, E(PAIMON_EINVAL), {{"count-limit", "many"}}},
    {"nested_update", "ARRAY<ROW<k ARRAY<INT>, v INT>>", {NULL}, E(PAIMON_EUNSUPPORTED),
     {{"nested-key", "k"}}},
    /* nested_partial_update: non-null fields of later rows win, per key */
    {"nested_partial_update", NT, {"+[(1,1,a)]", "+[(1,1,null),(2,2,null)]", NULL},
     "[(1,1,a),(2,2,null)]", 0, KEYS},
    {"nested_partial_update", "ARRAY<ROW<k INT, a STRING, b STRING>>",
     {"+[(1,x,null)]", "+[(1,null,y),null]", "+[(1,z,null)]", NULL}, "[(1,z,y)]", 0,
     {{"nested-key", "k"}}},
    {"nested_partial_update", NT,
     {"+[(0,0,a),(0,1,a),(1,0,a),(5,7,a),(100,3,a),(3,100,a),(-1,-1,a),(2,2,a)]", NULL},
     "[(0,0,a),(-1,-1,a),(3,100,a),(0,1,a),(100,3,a),(1,0,a),(5,7,a),(2,2,a)]", 0, KEYS},
    {"nested_partial_update", NT, {"+[(1,null,a),(1,null,b)]", NULL}, "[]", 0,
     KEYS_("nested-key-null-strategy", "ignore")},
    {"nested_partial_update", NT, {"+[(1,1,a)]", "-[(1,1,a)]", NULL}, E(PAIMON_EUNSUPPORTED), KEYS},
    {"nested_partial_update", NT, {NULL}, E(PAIMON_EINVAL), {{0}}},
};

TEST(nested_update) { RUN_CASES(nested_cases); }

/* aggReversed of nested_update: the older array is the accumulator the current one updates. */
static const agg_case nested_reversed_cases[] = {
    {"nested_update", NT, {"+[(0,0,new)]", "<[(0,0,old),(1,1,x)]", NULL}, "[(0,0,new),(1,1,x)]",
     0, KEYS},
};

TEST(nested_update_reversed) { RUN_CASES(nested_reversed_cases); }

static const agg_case nested_value_cases[] = {
    {"last_value", "ARRAY<INT>", {"+[1,2]", "+[3]", NULL}, "[3]", 0, {{0}}},
    {"last_non_null_value", "MAP<STRING, INT>", {"+{a=1}", "+null", NULL}, "{a=1}", 0, {{0}}},
    {"first_value", "ROW<a INT, b ARRAY<STRING>>", {"+(1,[x,y])", "+(2,[z])", NULL}, "(1,[x,y])",
     0, {{0}}},
    {"first_non_null_value", "MULTISET<STRING>", {"+null", "+{a=2}", "+{b=1}", NULL}, "{a=2}", 0,
     {{0}}},
    {"last_value", "ROW<a INT>", {"+(1)", "-(1)", NULL}, "null", 0, {{0}}},
    {"primary-key", "ARRAY<INT>", {"+[1]", "-[2]", NULL}, "[2]", 0, {{0}}},
};

TEST(nested_values) { RUN_CASES(nested_value_cases); }

/* Two keys in a row: nothing of the first leaks into the second. */
TEST(reset_between_keys) {
    static const agg_case cases[] = {
        {"collect", "ARRAY<INT>", {"+[1,2]", "R", "+[3]", NULL}, "[3]", 0, DISTINCT},
        {"merge_map", "MAP<INT, INT>", {"+{1=1}", "R", "+{2=2}", "+{3=3}", NULL}, "{2=2,3=3}", 0,
         {{0}}},
        {"nested_update", NT, {"+[(1,1,a)]", "R", "+[(2,2,b)]", NULL}, "[(2,2,b)]", 0, KEYS},
        {"collect", "ARRAY<INT>", {"+[1,2]", "R", NULL}, "null", 0, {{0}}},
    };
    RUN_CASES(cases);
}

/* Inputs may be slices (a non-zero ArrowArray offset) and rows past the first. */
static void build_two(const pm_type *t, const char *first, const char *second,
                      struct ArrowArray *out) {
    pm_col c;
    pm_col_init(&c, t, NULL);
    const char *s = first;
    lit_append(&c, t, &s);
    s = second;
    lit_append(&c, t, &s);
    pm_col_finish(&c, out, NULL);
    pm_col_dispose(&c);
}

TEST(sliced_inputs) {
    static const struct {
        const char *function, *type, *first, *second, *expected;
    } cases[] = {
        {"nested_update", "ARRAY<ROW<k INT, v STRING>>", "[(9,skip)]", "[(1,a),(2,b)]",
         "[(2,b),(1,a)]"},
        {"merge_map", "MAP<INT, STRING>", "{9=skip}", "{1=a,2=b}", "{1=a,2=b}"},
        {"collect", "ARRAY<STRING>", "[skip,skip]", "[x,y,x]", "[x,y]"},
        {"nested_partial_update", "ARRAY<ROW<k INT, v STRING>>", "[(9,skip)]", "[(1,a),(1,null)]",
         "[(1,a)]"},
        {"merge_map_with_keytime", "MAP<INT, ROW<v STRING, ts STRING>>", "{9=(skip,9)}",
         "{1=(a,1)}", "{1=(a,1)}"},
    };
    agg_opts opts = {{"nested-key", "k", "distinct", "true", NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_type *t = NULL;
        paimon_error err = {0};
        CHECK_OK(pm_type_parse(cases[i].type, &t, &err), &err);
        pm_field_agg *a = NULL;
        CHECK_OK(pm_field_agg_new(cases[i].function, "c", t, agg_test_option, &opts, &a, &err),
                 &err);
        struct ArrowArray arr;
        build_two(t, cases[i].first, cases[i].second, &arr);
        /* row 1 of the array, then row 0 of the same array sliced by one */
        CHECK_OK(pm_field_agg_add(a, &arr, 1, &err), &err);
        arr.offset = 1;
        arr.length = 1;
        CHECK_OK(pm_field_agg_add(a, &arr, 0, &err), &err);
        arr.offset = 0;
        arr.length = 2;
        arr.release(&arr);
        pm_col out;
        CHECK_OK(pm_col_init(&out, t, &err), &err);
        CHECK_OK(pm_field_agg_result(a, &out, &err), &err);
        struct ArrowArray res;
        CHECK_OK(pm_col_finish(&out, &res, &err), &err);
        pm_buf text = PM_BUF_INIT;
        fmt_cell(&text, t, &res, 0);
        if (strcmp(pm_buf_cstr(&text), cases[i].expected) != 0)
            pm_test_fail(__FILE__, __LINE__, "%s: got %s, expected %s", cases[i].function,
                         pm_buf_cstr(&text), cases[i].expected);
        bool ok = strcmp(pm_buf_cstr(&text), cases[i].expected) == 0;
        pm_buf_dispose(&text);
        res.release(&res);
        pm_col_dispose(&out);
        pm_field_agg_free(a);
        pm_type_free(t);
        CHECK(ok);
    }
}
