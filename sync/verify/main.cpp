// fieldproof-verify BUNDLE.zip [--office-key HEX]: checks an enterprise's evidence bundle
// (docs/protocol.md §10) and prints one verdict per check. Exit 0 only if every check holds,
// 1 if any fails, 2 for input that is no bundle (one line on stderr). No Qt: libsodium,
// OpenSSL, libzip and the protocol library.

#include "verify/bundleverifier.h"

#include <zip.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char *kUsage = "usage: fieldproof-verify BUNDLE.zip [--office-key HEX]";
// No file of a bundle comes near this; a zip claiming more is refused, not read.
constexpr zip_uint64_t kMaxEntry = zip_uint64_t(1) << 30;
constexpr zip_int64_t kMaxEntries = 100000;

class BadInput : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

fp::verify::Files readZip(const std::string &path)
{
    int code = 0;
    zip_t *zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw BadInput("cannot open " + path + " as a zip: " + why);
    }
    fp::verify::Files files;
    try {
        const zip_int64_t n = zip_get_num_entries(zip, 0);
        if (n < 0 || n > kMaxEntries)
            throw BadInput(path + " holds too many files for an evidence bundle");
        for (zip_int64_t i = 0; i < n; ++i) {
            zip_stat_t st;
            if (zip_stat_index(zip, zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
                !(st.valid & ZIP_STAT_SIZE))
                throw BadInput(path + ": cannot read entry " + std::to_string(i));
            const std::string name = st.name;
            if (name.empty() || name.back() == '/')
                continue; // a folder
            if (st.size > kMaxEntry)
                throw BadInput(path + ": " + name + " is too large for an evidence bundle");
            zip_file_t *f = zip_fopen_index(zip, zip_uint64_t(i), 0);
            if (!f)
                throw BadInput(path + ": cannot read " + name + ": " + zip_strerror(zip));
            std::string bytes(st.size, '\0');
            const zip_int64_t got = zip_fread(f, bytes.data(), st.size);
            const bool failed = got < 0 || zip_uint64_t(got) != st.size;
            // zip_fclose reports a CRC mismatch of a changed entry.
            const int closed = zip_fclose(f);
            if (failed || closed != 0)
                throw BadInput(path + ": " + name + " is damaged (" + zip_strerror(zip) + ")");
            files[name] = std::move(bytes);
        }
    } catch (...) {
        zip_discard(zip);
        throw;
    }
    zip_discard(zip);
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    std::string bundle, officeKey;
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << kUsage << '\n';
            return 0;
        }
        if (args[i] == "--office-key" && i + 1 < args.size()) {
            officeKey = args[++i];
        } else if (!args[i].starts_with("-") && bundle.empty()) {
            bundle = args[i];
        } else {
            std::cerr << "fieldproof-verify: unexpected argument '" << args[i] << "'; " << kUsage
                      << '\n';
            return 2;
        }
    }
    if (bundle.empty()) {
        std::cerr << "fieldproof-verify: no bundle given; " << kUsage << '\n';
        return 2;
    }
    std::vector<fp::verify::Verdict> verdicts;
    try {
        verdicts = fp::verify::verifyBundle(readZip(bundle), officeKey);
    } catch (const BadInput &e) {
        std::cerr << "fieldproof-verify: " << e.what() << '\n';
        return 2;
    } catch (const fp::verify::BadBundle &e) {
        std::cerr << "fieldproof-verify: " << bundle << ": " << e.what() << '\n';
        return 2;
    } catch (const std::exception &e) {
        std::cerr << "fieldproof-verify: " << bundle << ": " << e.what() << '\n';
        return 2;
    }
    int failed = 0;
    for (const auto &v : verdicts) {
        failed += v.ok ? 0 : 1;
        std::cout << (v.ok ? "ok    " : "FAIL  ") << v.item;
        if (!v.detail.empty())
            std::cout << ": " << v.detail;
        std::cout << '\n';
    }
    if (failed > 0) {
        std::cout << "fieldproof-verify: " << failed << " of " << verdicts.size()
                  << " checks FAILED: this bundle is not the evidence the office logged\n";
        return 1;
    }
    std::cout << "fieldproof-verify: all " << verdicts.size() << " checks hold\n";
    return 0;
}
