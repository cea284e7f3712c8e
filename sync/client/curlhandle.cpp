#include "curlhandle.h"

#include "syncerror.h"

namespace fp {

CurlHandle::GlobalInit::GlobalInit()
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        throw SyncError("libcurl could not be initialised");
}

CurlHandle::GlobalInit::~GlobalInit()
{
    curl_global_cleanup();
}

CurlHandle::CurlHandle() : m_easy(curl_easy_init())
{
    if (!m_easy)
        throw SyncError("libcurl could not create a transfer handle");
}

CurlHandle::~CurlHandle() = default;

} // namespace fp
