#ifndef SUMMITKB_CLIBFUZZER_H
#define SUMMITKB_CLIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's own driver (compiler-rt, LLVM 11 and later). SwiftPM renames an executable's
/// entry point to `<module>_main`, so the harness calls this instead of relying on
/// libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
