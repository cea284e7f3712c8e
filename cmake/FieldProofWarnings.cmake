# Warnings and sanitizers for FieldProof's own targets (never for third-party code).
function(fieldproof_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(FIELDPROOF_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(FIELDPROOF_FUZZ)
    # Coverage for libFuzzer in every library a fuzz target links; the targets add =fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                                             -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
