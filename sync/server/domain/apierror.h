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
    int status() const { return m_status; }
    const std::string &code() const { return m_code; }

  private:
    int m_status;
    std::string m_code;
};

} // namespace fp
