# Warnings and sanitizers for FieldProof's own targets (never for third-party code).
# Warnings are errors only when FIELDPROOF_WERROR is ON (scripts/test turns it on): a packager's
# build with another compiler or another optimisation level must not fail on a new warning.
# CMake's COMPILE_WARNING_AS_ERROR adds the compiler's flag (-Werror) and is overridden for one
# build with `cmake --compile-no-warning-as-error`.
function(fieldproof_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  set_target_properties(${target} PROPERTIES COMPILE_WARNING_AS_ERROR ${FIELDPROOF_WERROR})
  if(FIELDPROOF_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # GCC's flow analysis is unreliable under the sanitizers' instrumentation (a false
      # -Wmaybe-uninitialized on std::optional<std::string> members of a test's aggregate);
      # the main and Release builds keep the warning as an error.
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
  if(FIELDPROOF_FUZZ)
    # Coverage for libFuzzer in every library a fuzz target links; the targets add =fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                                             -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
