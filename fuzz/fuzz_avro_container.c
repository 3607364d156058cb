/* fuzz_avro_container.c - opens any bytes as an Avro object container file, counts its records
 * from the block headers, decodes every record as a generic value (re-encoding each), then
 * walks the blocks again skipping records: must never crash, leak or hang. */
#include "format/avro/avro_reader.h"

#include <stdint.h>

#define MAX_RECORDS 100000

static void decode_all(const uint8_t *data, size_t size) {
    pm_avro_reader r;
    if (pm_avro_reader_open_mem(&r, data, size, NULL) != PAIMON_OK)
        return;
    r.max_block_bytes = 4 << 20; /* keep decompression bombs cheap */
    int64_t count;
    (void)pm_avro_reader_count_records(&r, &count, NULL);
    pm_buf again = PM_BUF_INIT;
    for (int i = 0; i < MAX_RECORDS; i++) {
        pm_avro_value v;
        bool has;
        if (pm_avro_reader_next_value(&r, &v, &has, NULL) != PAIMON_OK || !has)
            break;
        pm_buf_clear(&again);
        if (pm_avro_value_write(&again, &v, r.schema, NULL) != PAIMON_OK)
            __builtin_trap(); /* a decoded value always encodes again */
    }
    pm_buf_dispose(&again);
    pm_avro_reader_close(&r);
}

static void skip_all(const uint8_t *data, size_t size) {
    pm_avro_reader r;
    if (pm_avro_reader_open_mem(&r, data, size, NULL) != PAIMON_OK)
        return;
    r.max_block_bytes = 4 << 20;
    for (int blocks = 0; blocks < 10000; blocks++) {
        bool has;
        if (pm_avro_reader_next_block(&r, &has, NULL) != PAIMON_OK || !has)
            break;
        while (r.records_left > 0 &&
               pm_avro_skip(&r.cur, r.schema, &r.empty_budget, NULL) == PAIMON_OK)
            r.records_left--;
        if (r.records_left > 0)
            break;
    }
    pm_avro_reader_close(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    decode_all(data, size);
    skip_all(data, size);
    return 0;
}
