#pragma once
// RAII over libcurl's global state and one easy handle.

#include <curl/curl.h>

#include <memory>

namespace fp {

/// One easy handle, with libcurl's global initialisation held for as long as it lives
/// (reference-counted and thread-safe in libcurl >= 7.84, so no process-wide init is needed).
class CurlHandle
{
  public:
    CurlHandle();
    ~CurlHandle();
    CurlHandle(const CurlHandle &) = delete;
    CurlHandle &operator=(const CurlHandle &) = delete;

    CURL *get() const { return m_easy.get(); }

  private:
    struct Deleter
    {
        void operator()(CURL *easy) const { curl_easy_cleanup(easy); }
    };
    struct GlobalInit
    {
        GlobalInit();
        ~GlobalInit();
        GlobalInit(const GlobalInit &) = delete;
        GlobalInit &operator=(const GlobalInit &) = delete;
    };
    GlobalInit m_global; // declared first: initialised before, destroyed after the handle
    std::unique_ptr<CURL, Deleter> m_easy;
};

} // namespace fp
