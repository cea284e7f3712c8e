// fp_bench_statements [items]: what the office's check of one signed statement costs, step by
// step, over the final bundles that `fieldproof-sync simulate` makes (docs/protocol.md §8):
// canonical JSON of the bundle, its SHA-256, decoding the statement, its canonical bytes, the
// Ed25519 verification. In-process, one thread, no network or database.

#include "client/simulate/simulator.h"
#include "core/sha256.h"
#include "crypto/canonicaljson.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"
#include "device/devicestore.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace fp;
using Steady = std::chrono::steady_clock;

int main(int argc, char **argv)
{
    const int items = argc > 1 ? std::stoi(argv[1]) : 2000;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("fp-bench-statements-" + std::to_string(::getpid()));
    std::vector<Json> data;
    std::vector<Json> statements;
    std::vector<std::string> signatures;
    std::string publicKey;
    {
        DeviceStore store(dir / "device.db", dir / "photos");
        const crypto::KeyPair key = crypto::newKeyPair();
        publicKey = key.public_key;
        store.signingKeys().save(DeviceSigningKey{"bench-device", key.public_key, key.secret_key});
        store.setDurableCommits(false);
        // The simulator needs enterprises and equipment to visit.
        for (int e = 0; e < 20; ++e) {
            Enterprise ent;
            ent.id = "ent-" + std::to_string(e);
            ent.credit_code = "91210381G6P2UGEH" + std::to_string(10 + e);
            ent.name = "基准企业 " + std::to_string(e);
            ent.region_id = "r1";
            store.put(ent);
            for (int q = 0; q < 5; ++q) {
                Equipment eq;
                eq.id = ent.id + "-eq-" + std::to_string(q);
                eq.enterprise_id = ent.id;
                eq.kind = "中频炉";
                eq.count = 1;
                eq.capacity = Capacity{1.5, "t"};
                eq.plan_year = 2017;
                store.put(eq);
            }
        }
        sim::SimulateOptions options;
        options.inspections = items;
        options.acceptance_visits = false;
        sim::Simulator(store, options).run();
        for (const OutboxItem &row : store.pendingOutbox(items + 10)) {
            if (!row.statement)
                continue;
            data.push_back(parseJson(row.payload));
            statements.push_back(parseJson(*row.statement));
            signatures.push_back(*row.signature);
        }
    }
    std::filesystem::remove_all(dir);
    const auto n = static_cast<double>(data.size());
    if (data.empty()) {
        std::fprintf(stderr, "no signed items were made\n");
        return 1;
    }

    // The same verification through OpenSSL's EVP interface, for comparison.
    EVP_PKEY *pkey = EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey.data()),
        publicKey.size());
    double openssl = 0;
    std::size_t opensslOk = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        const auto st = decode<EvidenceStatement>(statements[i], "statement");
        const std::string b = canonicalBytes(st);
        const std::string sig = crypto::fromHex(signatures[i]);
        const auto t0 = Steady::now();
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, pkey);
        opensslOk +=
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char *>(b.data()), b.size()) == 1
                ? 1
                : 0;
        EVP_MD_CTX_free(ctx);
        openssl += std::chrono::duration<double, std::micro>(Steady::now() - t0).count();
    }
    EVP_PKEY_free(pkey);

    double canonical = 0, hashing = 0, decoding = 0, bytes = 0, verifying = 0;
    std::size_t ok = 0;
    std::size_t bundleBytes = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        auto t0 = Steady::now();
        const std::string c = canonicalJson(data[i]);
        auto t1 = Steady::now();
        const std::string h = sha256Hex(c);
        auto t2 = Steady::now();
        const auto st = decode<EvidenceStatement>(statements[i], "statement");
        auto t3 = Steady::now();
        const std::string b = canonicalBytes(st);
        auto t4 = Steady::now();
        ok += verifyStatement(st, signatures[i], publicKey) && h == st.content_hash ? 1 : 0;
        auto t5 = Steady::now();
        const auto us = [](auto a, auto z) {
            return std::chrono::duration<double, std::micro>(z - a).count();
        };
        canonical += us(t0, t1);
        hashing += us(t1, t2);
        decoding += us(t2, t3);
        bytes += us(t3, t4);
        verifying += us(t4, t5);
        bundleBytes += c.size();
    }
    std::printf("%zu signed final bundles, %.0f bytes each (canonical); %zu verified\n",
                data.size(), static_cast<double>(bundleBytes) / n, ok);
    std::printf("| step | µs per item |\n|---|---|\n");
    std::printf("| canonical JSON of the bundle | %.1f |\n", canonical / n);
    std::printf("| SHA-256 of it | %.1f |\n", hashing / n);
    std::printf("| decode the statement | %.1f |\n", decoding / n);
    std::printf("| its canonical bytes | %.1f |\n", bytes / n);
    std::printf("| Ed25519 verification | %.1f |\n", verifying / n);
    std::printf("| all | %.1f |\n", (canonical + hashing + decoding + bytes + verifying) / n);
    std::printf("| (for comparison: Ed25519 verification by OpenSSL, %zu verified) | %.1f |\n",
                opensslOk, openssl / n);
    return ok == data.size() ? 0 : 1;
}
