/*
 * cast_rules.c - which casts Java Paimon supports.
 *
 * Two tables decide it, as in Java:
 *  - paimon-api DataTypeCasts: the SQL cast matrix (implicit and explicit casts, and the
 *    "compatible" casts that keep the storage layout).
 *  - paimon-common CastExecutors: the rule that converts values. Rules are registered for
 *    target and input type roots or families; a lookup tries the exact target type (only
 *    STRING, i.e. nullable VARCHAR(2147483647), is registered that way), then its root, then
 *    its families in declaration order, and for each the input root, then its families. Later
 *    registrations replace earlier ones for the same keys.
 * ALTER TABLE accepts a type change only when both agree, and schema evolution reads old files
 * through the rule, so a cast is supported when both do.
 */
#include "data/cast_internal.h"

/* DataTypeFamily, in Java's declaration order (the lookup order). */
enum {
    FAM_PREDEFINED,
    FAM_CONSTRUCTED,
    FAM_CHARACTER_STRING,
    FAM_BINARY_STRING,
    FAM_NUMERIC,
    FAM_INTEGER_NUMERIC,
    FAM_EXACT_NUMERIC,
    FAM_APPROXIMATE_NUMERIC,
    FAM_DATETIME,
    FAM_TIME,
    FAM_TIMESTAMP,
    FAM_COLLECTION,
    FAM_EXTENSION,
    FAM_COUNT,
};

#define F(x) (1u << FAM_##x)
#define R(x) (1u << PM_TYPE_##x)
#define ALL_ROOTS ((1u << (PM_TYPE_BLOB + 1)) - 1)

static uint32_t families_of(pm_type_id id) {
    switch (id) {
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR: return F(PREDEFINED) | F(CHARACTER_STRING);
    case PM_TYPE_BOOLEAN: return F(PREDEFINED);
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY: return F(PREDEFINED) | F(BINARY_STRING);
    case PM_TYPE_DECIMAL: return F(PREDEFINED) | F(NUMERIC) | F(EXACT_NUMERIC);
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT: return F(PREDEFINED) | F(NUMERIC) | F(INTEGER_NUMERIC) | F(EXACT_NUMERIC);
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: return F(PREDEFINED) | F(NUMERIC) | F(APPROXIMATE_NUMERIC);
    case PM_TYPE_DATE: return F(PREDEFINED) | F(DATETIME);
    case PM_TYPE_TIME: return F(PREDEFINED) | F(DATETIME) | F(TIME);
    case PM_TYPE_TIMESTAMP: return F(PREDEFINED) | F(DATETIME) | F(TIMESTAMP);
    case PM_TYPE_TIMESTAMP_LTZ:
        return F(PREDEFINED) | F(DATETIME) | F(TIMESTAMP) | F(EXTENSION);
    case PM_TYPE_VARIANT:
    case PM_TYPE_BLOB: return F(PREDEFINED);
    case PM_TYPE_ARRAY:
    case PM_TYPE_MULTISET: return F(CONSTRUCTED) | F(COLLECTION);
    case PM_TYPE_MAP: return F(CONSTRUCTED) | F(EXTENSION);
    case PM_TYPE_ROW: return F(CONSTRUCTED);
    }
    return 0;
}

/* Every root that belongs to one of `fams`. */
static uint32_t roots_in(uint32_t fams) {
    uint32_t roots = 0;
    for (int id = 0; id <= PM_TYPE_BLOB; id++) {
        if (families_of((pm_type_id)id) & fams)
            roots |= 1u << id;
    }
    return roots;
}

/* ---- DataTypeCasts ---- */

typedef struct cast_matrix {
    uint32_t implicit_from;
    uint32_t explicit_from;
    uint32_t compatible_from;
} cast_matrix;

static cast_matrix matrix_for(pm_type_id to) {
    const uint32_t integers = R(TINYINT) | R(SMALLINT) | R(INT) | R(BIGINT);
    const uint32_t timestamps = R(TIMESTAMP) | R(TIMESTAMP_LTZ);
    const uint32_t strings = roots_in(F(CHARACTER_STRING));
    cast_matrix m = {1u << to, 0, 0}; /* every type casts implicitly to itself */
    switch (to) {
    case PM_TYPE_CHAR:
    case PM_TYPE_VARCHAR:
        m.implicit_from = to == PM_TYPE_CHAR ? R(CHAR) : strings;
        m.explicit_from = roots_in(F(PREDEFINED) | F(CONSTRUCTED));
        m.compatible_from = R(CHAR) | R(VARCHAR);
        break;
    case PM_TYPE_BOOLEAN:
        m.explicit_from = strings | integers;
        m.compatible_from = R(BOOLEAN);
        break;
    case PM_TYPE_BINARY:
    case PM_TYPE_VARBINARY:
        m.implicit_from = to == PM_TYPE_BINARY ? R(BINARY) : roots_in(F(BINARY_STRING));
        m.explicit_from = strings | R(BINARY) | R(VARBINARY);
        m.compatible_from = R(BINARY) | R(VARBINARY);
        break;
    case PM_TYPE_DECIMAL:
        m.implicit_from = roots_in(F(NUMERIC));
        m.explicit_from = strings | R(BOOLEAN) | timestamps;
        break;
    case PM_TYPE_TINYINT:
    case PM_TYPE_SMALLINT:
    case PM_TYPE_INT:
    case PM_TYPE_BIGINT:
    case PM_TYPE_FLOAT:
    case PM_TYPE_DOUBLE: {
        static const uint32_t widening[] = {
            [PM_TYPE_TINYINT] = R(TINYINT),
            [PM_TYPE_SMALLINT] = R(TINYINT) | R(SMALLINT),
            [PM_TYPE_INT] = R(TINYINT) | R(SMALLINT) | R(INT),
            [PM_TYPE_BIGINT] = R(TINYINT) | R(SMALLINT) | R(INT) | R(BIGINT),
            [PM_TYPE_FLOAT] = R(TINYINT) | R(SMALLINT) | R(INT) | R(BIGINT) | R(FLOAT) | R(DECIMAL),
            [PM_TYPE_DOUBLE] = 0,
        };
        m.implicit_from = to == PM_TYPE_DOUBLE ? roots_in(F(NUMERIC)) : widening[to];
        m.explicit_from = roots_in(F(NUMERIC)) | strings | R(BOOLEAN) | timestamps;
        m.compatible_from = to == PM_TYPE_INT ? R(INT) | R(DATE) | R(TIME) : 1u << to;
        break;
    }
    case PM_TYPE_DATE:
    case PM_TYPE_TIME:
        m.implicit_from = (1u << to) | R(TIMESTAMP);
        m.explicit_from = roots_in(F(TIMESTAMP)) | strings | (to == PM_TYPE_TIME ? R(TIME) : 0);
        m.compatible_from = R(INT) | R(DATE) | R(TIME);
        break;
    case PM_TYPE_TIMESTAMP:
    case PM_TYPE_TIMESTAMP_LTZ:
        m.implicit_from = timestamps;
        m.explicit_from = roots_in(F(DATETIME) | F(NUMERIC)) | strings;
        m.compatible_from = 1u << to;
        break;
    default: break; /* nested types, VARIANT, BLOB: identity only */
    }
    return m;
}

bool pm_cast_allowed(const pm_type *from, const pm_type *to, bool allow_explicit) {
    /* a NOT NULL column cannot take a nullable one, unless the cast is explicit */
    if (from->nullable && !to->nullable && !allow_explicit)
        return false;
    if (pm_type_equals(from, to, true))
        return true;
    cast_matrix m = matrix_for(to->id);
    uint32_t bit = 1u << from->id;
    return (m.implicit_from & bit) || (allow_explicit && (m.explicit_from & bit));
}

bool pm_cast_compatible(const pm_type *from, const pm_type *to) {
    if (pm_type_equals(from, to, true))
        return true;
    return (matrix_for(to->id).compatible_from & (1u << from->id)) != 0;
}

/* ---- CastExecutors ---- */

typedef struct rule_def {
    pm_cast_rule rule;
    uint32_t in_roots, in_fams;
    uint32_t out_roots, out_fams;
    bool out_string_type; /* registered for the exact type STRING */
} rule_def;

/* In CastExecutors' registration order. */
static const rule_def RULES[] = {
    {PM_CAST_DECIMAL_TO_DECIMAL, R(DECIMAL), 0, R(DECIMAL), 0, false},
    {PM_CAST_NUMERIC_TO_DECIMAL, 0, F(INTEGER_NUMERIC) | F(APPROXIMATE_NUMERIC), R(DECIMAL), 0,
     false},
    {PM_CAST_DECIMAL_TO_NUMERIC, R(DECIMAL), 0, 0, F(INTEGER_NUMERIC) | F(APPROXIMATE_NUMERIC),
     false},
    {PM_CAST_NUMERIC_PRIMITIVE, 0, F(INTEGER_NUMERIC) | F(APPROXIMATE_NUMERIC), 0,
     F(INTEGER_NUMERIC) | F(APPROXIMATE_NUMERIC), false},
    {PM_CAST_NUMERIC_TO_TIMESTAMP, 0, F(NUMERIC), R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, false},
    {PM_CAST_BOOLEAN_TO_NUMERIC, R(BOOLEAN), 0, 0, F(NUMERIC), false},
    {PM_CAST_NUMERIC_TO_BOOLEAN, 0, F(INTEGER_NUMERIC), R(BOOLEAN), 0, false},
    {PM_CAST_NUMERIC_TO_STRING, 0, F(NUMERIC), 0, F(CHARACTER_STRING), false},
    {PM_CAST_BOOLEAN_TO_STRING, R(BOOLEAN), 0, 0, F(CHARACTER_STRING), false},
    {PM_CAST_TIMESTAMP_TO_STRING, 0, F(TIMESTAMP), 0, 0, true},
    {PM_CAST_TIME_TO_STRING, R(TIME), 0, 0, 0, true},
    {PM_CAST_DATE_TO_STRING, R(DATE), 0, 0, 0, true},
    {PM_CAST_STRING_TO_STRING, 0, F(CHARACTER_STRING), 0, F(CHARACTER_STRING), false},
    {PM_CAST_ARRAY_TO_STRING, R(ARRAY), 0, 0, F(CHARACTER_STRING), false},
    {PM_CAST_MAP_TO_STRING, R(MAP), 0, 0, F(CHARACTER_STRING), false},
    {PM_CAST_ROW_TO_STRING, R(ROW), 0, 0, F(CHARACTER_STRING), false},
    {PM_CAST_STRING_TO_BOOLEAN, 0, F(CHARACTER_STRING), R(BOOLEAN), 0, false},
    {PM_CAST_STRING_TO_DECIMAL, 0, F(CHARACTER_STRING), R(DECIMAL), 0, false},
    {PM_CAST_STRING_TO_NUMERIC, 0, F(CHARACTER_STRING), 0,
     F(INTEGER_NUMERIC) | F(APPROXIMATE_NUMERIC), false},
    {PM_CAST_STRING_TO_DATE, 0, F(CHARACTER_STRING), R(DATE), 0, false},
    {PM_CAST_STRING_TO_TIME, 0, F(CHARACTER_STRING), R(TIME), 0, false},
    {PM_CAST_STRING_TO_TIMESTAMP, 0, F(CHARACTER_STRING), 0, F(TIMESTAMP), false},
    {PM_CAST_STRING_TO_BINARY, 0, F(CHARACTER_STRING), 0, F(BINARY_STRING), false},
    {PM_CAST_STRING_TO_ARRAY, 0, F(CHARACTER_STRING), R(ARRAY), 0, false},
    {PM_CAST_STRING_TO_MAP, 0, F(CHARACTER_STRING), R(MAP), 0, false},
    {PM_CAST_STRING_TO_ROW, 0, F(CHARACTER_STRING), R(ROW), 0, false},
    {PM_CAST_TIMESTAMP_TO_TIMESTAMP, R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0,
     R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, false},
    {PM_CAST_TIMESTAMP_TO_DATE, R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, R(DATE), 0, false},
    {PM_CAST_TIMESTAMP_TO_TIME, R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, R(TIME), 0, false},
    {PM_CAST_DATE_TO_TIMESTAMP, R(DATE), 0, R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, false},
    {PM_CAST_TIME_TO_TIMESTAMP, R(TIME), 0, R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, false},
    {PM_CAST_TIMESTAMP_TO_NUMERIC, R(TIMESTAMP) | R(TIMESTAMP_LTZ), 0, R(BIGINT) | R(INT), 0,
     false},
    {PM_CAST_BINARY_TO_BINARY, 0, F(BINARY_STRING), 0, F(BINARY_STRING), false},
    {PM_CAST_BINARY_TO_STRING, 0, F(BINARY_STRING), 0, F(CHARACTER_STRING), false},
};

#define RULE_COUNT (sizeof RULES / sizeof RULES[0])

/* Target keys: -1 is the exact type STRING, 0..21 a root, 100 + f a family. */
enum { KEY_STRING_TYPE = -1, KEY_FAMILY = 100 };

static bool registered_for_target(const rule_def *r, int key) {
    if (key == KEY_STRING_TYPE)
        return r->out_string_type;
    if (key >= KEY_FAMILY)
        return (r->out_fams >> (key - KEY_FAMILY)) & 1;
    return (r->out_roots >> key) & 1;
}

static bool registered_for_input(const rule_def *r, int key) {
    if (key >= KEY_FAMILY)
        return (r->in_fams >> (key - KEY_FAMILY)) & 1;
    return (r->in_roots >> key) & 1;
}

/* The rule stored under (target key, input key): the last one registered. */
static const rule_def *lookup(int target_key, int input_key) {
    for (size_t i = RULE_COUNT; i-- > 0;) {
        if (registered_for_target(&RULES[i], target_key) &&
            registered_for_input(&RULES[i], input_key))
            return &RULES[i];
    }
    return NULL;
}

static const rule_def *find_rule(const pm_type *from, const pm_type *to) {
    int target_keys[2 + FAM_COUNT], nt = 0;
    if (to->id == PM_TYPE_VARCHAR && to->length == PM_MAX_LENGTH && to->nullable)
        target_keys[nt++] = KEY_STRING_TYPE;
    target_keys[nt++] = (int)to->id;
    for (int f = 0; f < FAM_COUNT; f++) {
        if (families_of(to->id) & (1u << f))
            target_keys[nt++] = KEY_FAMILY + f;
    }
    int input_keys[1 + FAM_COUNT], ni = 0;
    input_keys[ni++] = (int)from->id;
    for (int f = 0; f < FAM_COUNT; f++) {
        if (families_of(from->id) & (1u << f))
            input_keys[ni++] = KEY_FAMILY + f;
    }
    for (int t = 0; t < nt; t++) {
        for (int i = 0; i < ni; i++) {
            const rule_def *r = lookup(target_keys[t], input_keys[i]);
            if (r != NULL)
                return r;
        }
    }
    return NULL;
}

pm_cast_rule pm_cast_resolve(const pm_type *from, const pm_type *to) {
    if (pm_type_equals(from, to, true))
        return PM_CAST_IDENTITY;
    const rule_def *r = find_rule(from, to);
    if (r == NULL)
        return PM_CAST_NONE;
    /* NumericPrimitiveToTimestamp matches every numeric input but only creates an executor
     * for INT and BIGINT (seconds since the epoch). */
    if (r->rule == PM_CAST_NUMERIC_TO_TIMESTAMP && from->id != PM_TYPE_INT &&
        from->id != PM_TYPE_BIGINT)
        return PM_CAST_NONE;
    return r->rule;
}

/* Nested types of the same kind are cast by the caller as SchemaEvolutionUtil does: ROW
 * fields mapped by id, ARRAY elements and MAP values cast (MAP keys must not change), MULTISET
 * never. */
static bool supported_at(const pm_type *from, const pm_type *to, int depth) {
    if (pm_type_equals(from, to, true))
        return true;
    if (!pm_cast_allowed(from, to, true))
        return false;
    if (from->id == to->id && pm_type_is_nested(from)) {
        if (depth >= PM_MAX_NESTING_DEPTH)
            return false;
        switch (from->id) {
        case PM_TYPE_ARRAY: return supported_at(from->element, to->element, depth + 1);
        case PM_TYPE_MAP:
            return pm_type_equals(from->key, to->key, false) &&
                   supported_at(from->value, to->value, depth + 1);
        case PM_TYPE_ROW: return true;
        default: return false;
        }
    }
    return pm_cast_resolve(from, to) != PM_CAST_NONE;
}

bool pm_cast_supported(const pm_type *from, const pm_type *to) {
    return supported_at(from, to, 0);
}
