#pragma once
// The exceptions of the sync client. Each message is a sentence a person can act on; the
// CLI prints it as its one line, the app shows it to the inspector.

#include "core/error.h"

#include <string>

namespace fp {

/// Base of every sync failure (also: not enrolled, a malformed answer from the server).
class SyncError : public Error
{
  public:
    using Error::Error;
};

/// No usable answer: connection refused or cut, timeout, TLS failure. Transient.
class NetworkError : public SyncError
{
  public:
    using SyncError::SyncError;
};

/// The office's certificate is not trusted: it does not chain to the pinned CA (or, without
/// one, to the system's trust store), or the CA file cannot be read. Not transient: no retry.
class TlsError : public NetworkError
{
  public:
    using NetworkError::NetworkError;
};

/// The server answered with an error status; `what()` is the server's own message.
class ServerError : public SyncError
{
  public:
    ServerError(int status, std::string code, const std::string &message)
        : SyncError(message), m_status(status), m_code(std::move(code))
    {
    }
    int status() const { return m_status; }
    /// The stable `error` code of the body (docs/protocol.md), empty when there was none.
    const std::string &code() const { return m_code; }

  private:
    int m_status;
    std::string m_code;
};

/// The caller asked to stop (the cancel flag was raised).
class SyncCancelled : public SyncError
{
  public:
    SyncCancelled() : SyncError("sync cancelled") {}
};

} // namespace fp
