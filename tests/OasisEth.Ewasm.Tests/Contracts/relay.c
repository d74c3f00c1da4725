/* A relay: an Ewasm contract that calls another contract, EVM or Ewasm. The call data is the callee's 20-byte address
 * followed by the data to send it; the callee runs with all the gas left and no value, and its output becomes the
 * relay's output, its revert data the relay's revert data. The callee sees the relay as its caller. */
#include "eei.h"

#define MAX_FORWARD 1024

static u8 input[20 + MAX_FORWARD];
static u8 output[MAX_FORWARD];
static const u8 NO_VALUE[16];

EXPORT_MAIN {
    u32 size = eei_call_data_size();
    if (size < 20 || size > sizeof input) eei_revert(0, 0);
    eei_call_data_copy(input, 0, size);
    u32 result = eei_call(eei_gas_left(), input, NO_VALUE, input + 20, size - 20);
    u32 returned = eei_return_data_size();
    /* Refused rather than cut short: a caller must never read half an answer as a whole one. */
    if (returned > sizeof output) eei_revert(0, 0);
    eei_return_data_copy(output, 0, returned);
    if (result == 0) eei_finish(output, returned);
    eei_revert(output, returned);
}
