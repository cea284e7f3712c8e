#pragma once
// The exception types of libfieldproof-core. Each carries a sentence a person can act on.

#include <stdexcept>
#include <string>

namespace fp {

/// Base of every FieldProof error.
class Error : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// Input that does not decode: malformed JSON, a wrong type, an unknown enum value.
/// The message starts with the path of the offending field, e.g. "enterprise.credit_code: ...".
class DecodeError : public Error
{
  public:
    DecodeError(std::string field, const std::string &what)
        : Error(field + ": " + what), m_field(std::move(field))
    {
    }
    const std::string &field() const { return m_field; }

  private:
    std::string m_field;
};

/// A value that decodes but breaks a domain rule (bad credit code, negative capacity ...).
class ValidationError : public Error
{
  public:
    using Error::Error;
};

} // namespace fp
