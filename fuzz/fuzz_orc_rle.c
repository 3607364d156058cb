/* fuzz_orc_rle.c - the ORC run-length decoders on raw bytes. The first byte picks the decoder
 * and the read pattern; values are read in uneven pieces so runs split across reads. */
#include "format/orc/orc_rle.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2)
        return 0;
    uint8_t mode = data[0], step_seed = data[1];
    data += 2;
    size -= 2;
    paimon_error err = {0};
    size_t total = 0, step = (size_t)(step_seed % 37) + 1;
    static int64_t ints[4096];
    static uint8_t bytes[4096];
    switch (mode % 6) {
    case 0:
    case 1:
    case 2:
    case 3: {
        pm_orc_int_rle *r = malloc(sizeof *r);
        if (r == NULL)
            return 0;
        pm_orc_int_rle_init(r, data, size, mode % 2 ? 2 : 1, (mode / 2) % 2 != 0);
        while (total < 100000 && pm_orc_int_rle_read(r, ints, step, &err) == PAIMON_OK) {
            total += step;
            step = step * 7 % 1500 + 1;
        }
        free(r);
        break;
    }
    case 4: {
        pm_orc_byte_rle r;
        pm_orc_byte_rle_init(&r, data, size);
        while (total < 100000 && pm_orc_byte_rle_read(&r, bytes, step, &err) == PAIMON_OK) {
            total += step;
            step = step * 7 % 4000 + 1;
        }
        break;
    }
    default: {
        pm_orc_bool_rle r;
        pm_orc_bool_rle_init(&r, data, size);
        while (total < 100000 && pm_orc_bool_rle_read(&r, bytes, step, &err) == PAIMON_OK) {
            total += step;
            step = step * 7 % 4000 + 1;
        }
        break;
    }
    }
    return 0;
}
