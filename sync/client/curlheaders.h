#pragma once
// RAII over a libcurl header list (curl_slist).

#include <curl/curl.h>

#include <memory>
#include <string>

namespace fp {

/// Request headers in libcurl's list form; freed with the object.
class CurlHeaders
{
  public:
    void add(const std::string &line)
    {
        curl_slist *grown = curl_slist_append(m_list.get(), line.c_str());
        if (!grown)
            throw std::bad_alloc();
        static_cast<void>(m_list.release()); // appended to: the same list, one longer
        m_list.reset(grown);
    }
    curl_slist *get() const { return m_list.get(); }

  private:
    struct Deleter
    {
        void operator()(curl_slist *list) const { curl_slist_free_all(list); }
    };
    std::unique_ptr<curl_slist, Deleter> m_list;
};

} // namespace fp
