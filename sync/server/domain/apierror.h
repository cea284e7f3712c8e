#pragma once
// A request the API refuses: HTTP status, the stable `error` code of docs/protocol.md, and a
// sentence. The HTTP layer turns it into {"error": code, "message": sentence}.

#include "core/error.h"

#include <string>

namespace fp {

class ApiError : public Error
{
  public:
    ApiError(int status, std::string code, const std::string &message)
        : Error(message), m_status(status), m_code(std::move(code))
    {
    }
    /// A refusal to be retried later: the answer carries `Retry-After: <seconds>`.
    ApiError(int status, std::string code, const std::string &message, long long retryAfterSeconds)
        : Error(message), m_status(status), m_code(std::move(code)), m_retryAfter(retryAfterSeconds)
    {
    }
    int status() const { return m_status; }
    const std::string &code() const { return m_code; }
    long long retryAfter() const { return m_retryAfter; } // 0: no Retry-After

  private:
    int m_status;
    std::string m_code;
    long long m_retryAfter = 0;
};

} // namespace fp
