#include "server/pgstore/pgconnection.h"

#include <libpq-fe.h>

#include <charconv>

namespace fp {

void PgResult::Deleter::operator()(pg_result *r) const
{
    PQclear(r);
}

int PgResult::rows() const
{
    return PQntuples(m_result.get());
}

bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column) != 0;
}

std::string PgResult::text(int row, int column) const
{
    return {PQgetvalue(m_result.get(), row, column),
            static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}

std::optional<std::string> PgResult::optText(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return text(row, column);
}

std::int64_t PgResult::integer(int row, int column) const
{
    const std::string value = text(row, column);
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size())
        throw PgError("PostgreSQL sent '" + value + "' where a whole number was expected", "");
    return out;
}

double PgResult::real(int row, int column) const
{
    const std::string value = text(row, column);
    double out = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    if (ec != std::errc() || end != value.data() + value.size())
        throw PgError("PostgreSQL sent '" + value + "' where a number was expected", "");
    return out;
}

std::optional<double> PgResult::optReal(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return real(row, column);
}

std::string PgResult::bytes(int row, int column) const
{
    const std::string value = text(row, column);
    const auto digit = [&](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        throw PgError("PostgreSQL sent a bytea value that is not hex", "");
    };
    if (value.size() < 2 || value[0] != '\\' || value[1] != 'x' || value.size() % 2 != 0)
        throw PgError("PostgreSQL sent a bytea value that is not in hex format", "");
    std::string out;
    out.reserve((value.size() - 2) / 2);
    for (std::size_t i = 2; i < value.size(); i += 2)
        out.push_back(static_cast<char>(digit(value[i]) * 16 + digit(value[i + 1])));
    return out;
}

std::string pgBytea(std::string_view bytes)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + 2 * bytes.size());
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0x0f]);
    }
    return out;
}

std::int64_t PgResult::affected() const
{
    const char *n = PQcmdTuples(m_result.get());
    return (n == nullptr || *n == '\0') ? 0 : std::stoll(n);
}

void PgConnection::Deleter::operator()(pg_conn *c) const
{
    PQfinish(c);
}

PgConnection::PgConnection(const std::string &conninfo) : m_conn(PQconnectdb(conninfo.c_str()))
{
    if (!m_conn)
        throw PgError("libpq could not allocate a connection", "");
    if (PQstatus(m_conn.get()) != CONNECTION_OK) {
        // libpq's message names the host or socket and why; the connection string may hold a
        // password, so it is not repeated here.
        std::string why = PQerrorMessage(m_conn.get());
        while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
            why.pop_back();
        throw PgError("cannot connect to PostgreSQL: " + why, "");
    }
    // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
    PQsetNoticeProcessor(
        m_conn.get(), [](void *, const char *) {}, nullptr);
}

void PgConnection::fail(const std::string &context, pg_result *result) const
{
    std::string state;
    std::string message;
    if (result != nullptr) {
        if (const char *s = PQresultErrorField(result, PG_DIAG_SQLSTATE))
            state = s;
        message = PQresultErrorMessage(result);
    }
    if (message.empty())
        message = PQerrorMessage(m_conn.get());
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    PQclear(result);
    throw PgError(context + ": " + message, state);
}

PgResult PgConnection::exec(const std::string &sql, const std::vector<PgParam> &params)
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        std::string name = "fp_";
        name.append(std::to_string(m_prepared.size() + 1));
        pg_result *prepared = PQprepare(m_conn.get(), name.c_str(), sql.c_str(),
                                        static_cast<int>(params.size()), nullptr);
        if (PQresultStatus(prepared) != PGRES_COMMAND_OK)
            fail("PostgreSQL refused the statement '" + sql + "'", prepared);
        PQclear(prepared);
        it = m_prepared.emplace(sql, std::move(name)).first;
    }
    std::vector<const char *> values;
    values.reserve(params.size());
    for (const auto &p : params)
        values.push_back(p ? p->c_str() : nullptr);
    pg_result *r = PQexecPrepared(m_conn.get(), it->second.c_str(), static_cast<int>(values.size()),
                                  values.data(), nullptr, nullptr, 0);
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail("PostgreSQL failed '" + sql + "'", r);
    return PgResult(r);
}

std::string PgConnection::execScript(const std::string &sql)
{
    pg_result *r = PQexec(m_conn.get(), sql.c_str());
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail("PostgreSQL failed a script", r);
    std::string tag = PQcmdStatus(r);
    PQclear(r);
    return tag;
}

bool PgConnection::reusable() const
{
    return PQstatus(m_conn.get()) == CONNECTION_OK &&
           PQtransactionStatus(m_conn.get()) == PQTRANS_IDLE;
}

bool PgConnection::alive()
{
    if (!reusable())
        return false;
    // Reading what is pending (PQconsumeInput) did not always show a terminated backend's end
    // of stream in time; a round trip does.
    const std::unique_ptr<PGresult, decltype(&PQclear)> probe(PQexec(m_conn.get(), ""), &PQclear);
    return probe && PQresultStatus(probe.get()) == PGRES_EMPTY_QUERY &&
           PQstatus(m_conn.get()) == CONNECTION_OK;
}

PgTransaction::PgTransaction(PgConnection &db) : m_db(db)
{
    m_db.execScript("BEGIN");
}

PgTransaction::~PgTransaction()
{
    if (m_done)
        return;
    try {
        m_db.execScript("ROLLBACK");
    } catch (const PgError &) {
        // The connection is gone; the server rolls the transaction back itself.
    }
}

void PgTransaction::commit()
{
    const std::string tag = m_db.execScript("COMMIT");
    m_done = true;
    if (tag != "COMMIT")
        throw PgError("PostgreSQL rolled the transaction back instead of committing it", "40000");
}

} // namespace fp
