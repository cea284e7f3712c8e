#include "core/validation.h"

#include "core/planrules.h"

#include "core/error.h"
#include "core/sha256.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace fp {

std::size_t utf8Length(std::string_view text)
{
    return std::size_t(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80; // not a continuation byte
    }));
}

std::string passwordProblem(std::string_view password)
{
    const std::size_t n = utf8Length(password);
    if (n < kMinPasswordChars)
        return "A password needs at least " + std::to_string(kMinPasswordChars) +
               " characters; this one has " + std::to_string(n) + ".";
    return {};
}

std::string usernameProblem(std::string_view username)
{
    const std::size_t n = utf8Length(username);
    if (n < 2 || n > 32)
        return "A user name has 2 to 32 characters; this one has " + std::to_string(n) + ".";
    for (std::size_t i = 0; i < username.size(); ++i) {
        const auto c = static_cast<unsigned char>(username[i]);
        const bool ideographicSpace = username.substr(i).starts_with("\u3000");
        if (c <= 0x20 || c == 0x7F || ideographicSpace)
            return "A user name cannot hold spaces or control characters; write e.g. 王五 or "
                   "wang.wu.";
    }
    return {};
}

namespace {

// GB 32100-2015: the 31 characters a credit code may use, and the weights of positions 1-17.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                29, 25, 13, 8,  24, 10, 30, 28};
// GB 11714-1997: weights of the organization code's 8 body characters.
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::size_t kCreditLength = 18;
constexpr std::size_t kOrgStart = 8; // the organization code is characters 9-17

int creditValue(char c)
{
    const auto at = kCreditAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

char orgCodeCheckChar(std::string_view body8)
{
    int sum = 0;
    for (std::size_t i = 0; i < kOrgWeights.size(); ++i) {
        const char c = body8[i];
        const int v = (c >= '0' && c <= '9') ? c - '0' : c - 'A' + 10;
        sum += v * kOrgWeights[i];
    }
    const int check = 11 - sum % 11;
    if (check == 10)
        return 'X';
    if (check == 11)
        return '0';
    return static_cast<char>('0' + check);
}

std::string quoted(char c)
{
    return std::string("'") + c + "'";
}

std::string characterProblem(char c, std::size_t index)
{
    const std::string where = " at position " + std::to_string(index + 1);
    if (c >= 'a' && c <= 'z')
        return "The credit code has the lowercase letter " + quoted(c) + where +
               "; it uses capital letters only.";
    if (c == ' ' || c == '\t')
        return "The credit code has a space" + where + ".";
    if (c < 0x20 || c == 0x7F)
        return "The credit code has a control character" + where + ".";
    if (c == 'I' || c == 'O' || c == 'Z' || c == 'S' || c == 'V')
        return "The credit code has the letter " + quoted(c) + where +
               ", which credit codes never use (no I, O, Z, S or V).";
    return "The credit code has the character " + quoted(c) + where +
           "; only digits and capital letters are allowed.";
}

bool allDigits(std::string_view text)
{
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.empty();
}

int digitsValue(std::string_view text)
{
    int v = 0;
    for (char c : text)
        v = v * 10 + (c - '0');
    return v;
}

/// The calendar day of "YYYY-MM-DD" at the start of `text`, if it is a real day in range.
std::optional<std::chrono::year_month_day> parseDay(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !allDigits(text.substr(0, 4)) ||
        !allDigits(text.substr(5, 2)) || !allDigits(text.substr(8, 2)))
        return std::nullopt;
    const int y = digitsValue(text.substr(0, 4));
    if (y < 1900 || y > 2199)
        return std::nullopt;
    const std::chrono::year_month_day ymd{
        std::chrono::year(y), std::chrono::month(unsigned(digitsValue(text.substr(5, 2)))),
        std::chrono::day(unsigned(digitsValue(text.substr(8, 2))))};
    if (!ymd.ok())
        return std::nullopt;
    return ymd;
}

bool hasNonBlank(const std::vector<std::string> &values)
{
    for (const auto &v : values) {
        if (v.find_first_not_of(" \t\r\n") != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

std::string creditCodeProblem(std::string_view code)
{
    if (code.empty())
        return "The credit code is empty; it must have 18 characters.";
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (static_cast<unsigned char>(code[i]) >= 0x80)
            return "The credit code has a non-ASCII character at position " +
                   std::to_string(i + 1) + "; only digits and capital letters are allowed.";
    }
    if (code.size() != kCreditLength)
        return "The credit code has " + std::to_string(code.size()) +
               " characters; it must have exactly 18.";
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (creditValue(code[i]) < 0)
            return characterProblem(code[i], i);
    }
    for (std::size_t i = 2; i < kOrgStart; ++i) {
        if (code[i] < '0' || code[i] > '9')
            return "The region code (characters 3-8) must be digits, but position " +
                   std::to_string(i + 1) + " is " + quoted(code[i]) + ".";
    }
    const char orgExpected = orgCodeCheckChar(code.substr(kOrgStart, 8));
    if (code[16] != orgExpected)
        return "The organization code check character (position 17) is " + quoted(code[16]) +
               ", expected " + quoted(orgExpected) + ".";
    const char expected = creditCodeCheckChar(code.substr(0, 17));
    if (code[17] != expected)
        return "The check character (position 18) is " + quoted(code[17]) + ", expected " +
               quoted(expected) + ".";
    return {};
}

char creditCodeCheckChar(std::string_view first17)
{
    if (first17.size() != kCreditWeights.size())
        throw ValidationError("A credit code check character needs exactly 17 characters, got " +
                              std::to_string(first17.size()) + ".");
    int sum = 0;
    for (std::size_t i = 0; i < first17.size(); ++i) {
        const int v = creditValue(first17[i]);
        if (v < 0)
            throw ValidationError(characterProblem(first17[i], i));
        sum += v * kCreditWeights[i];
    }
    const auto n = static_cast<int>(kCreditAlphabet.size());
    return kCreditAlphabet[static_cast<std::size_t>((n - sum % n) % n)];
}

bool isValidDate(std::string_view text)
{
    return text.size() == 10 && parseDay(text).has_value();
}

bool isValidTimestamp(std::string_view text)
{
    // 2017-06-01T08:30:00.123Z
    if (text.size() != 24 || !parseDay(text) || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text[19] != '.' || text[23] != 'Z')
        return false;
    const auto hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
    if (!allDigits(hh) || !allDigits(mm) || !allDigits(ss) || !allDigits(text.substr(20, 3)))
        return false;
    return digitsValue(hh) < 24 && digitsValue(mm) < 60 && digitsValue(ss) < 60;
}

std::string addMonths(std::string_view date, int months)
{
    using namespace std::chrono;
    const auto start = date.size() == 10 ? parseDay(date) : std::nullopt;
    if (!start)
        throw ValidationError("'" + std::string(date) + "' is not a date of the form YYYY-MM-DD.");
    const year_month ym = year_month(start->year(), start->month()) + std::chrono::months(months);
    const auto last = year_month_day_last(ym.year(), month_day_last(ym.month())).day();
    const year_month_day end{ym.year(), ym.month(), std::min(start->day(), last)};
    const int y = int(end.year());
    if (y < 1900 || y > 2199)
        throw ValidationError("Adding " + std::to_string(months) + " months to " +
                              std::string(date) + " leaves the years 1900-2199.");
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", y, unsigned(end.month()),
                  unsigned(end.day()));
    return buf.data();
}

std::string capacityProblem(const Capacity &capacity)
{
    if (!std::isfinite(capacity.value))
        return "The capacity must be a finite number.";
    if (capacity.value <= 0)
        return "The capacity must be greater than zero.";
    if (capacity.unit.find_first_not_of(" \t\r\n") == std::string::npos)
        return "The capacity needs a unit, e.g. 万吨/年.";
    return {};
}

std::vector<Problem> finaliseProblems(const InspectionBundle &bundle)
{
    std::vector<Problem> out;
    const std::string &inspectionId = bundle.inspection.id;
    auto add = [&out](ProblemCode code, const std::string &subject, std::string message) {
        out.push_back(Problem{code, subject, std::move(message)});
    };
    auto hasPhoto = [&](const std::string &checkId, EvidenceTag tag) {
        for (const Photo &p : bundle.photos) {
            if (p.inspection_id == inspectionId && p.check_id == checkId && p.tag == tag)
                return true;
        }
        return false;
    };
    auto isOwnCheck = [&](const std::string &checkId) {
        for (const EquipmentCheck &c : bundle.checks) {
            if (c.id == checkId && c.inspection_id == inspectionId)
                return true;
        }
        return false;
    };

    if (bundle.checks.empty())
        add(ProblemCode::NoChecks, inspectionId, "The inspection has no equipment checks yet.");

    for (const EquipmentCheck &check : bundle.checks) {
        if (check.inspection_id != inspectionId) {
            add(ProblemCode::ForeignCheck, check.id,
                "Equipment check " + check.id + " belongs to another inspection.");
            continue;
        }
        if (check.finding == Finding::Sealed) {
            if (!hasPhoto(check.id, EvidenceTag::Seal))
                add(ProblemCode::SealedNeedsSealPhoto, check.id,
                    "A sealed item needs a photo of its seal.");
            if (!hasPhoto(check.id, EvidenceTag::PowerCut))
                add(ProblemCode::SealedNeedsPowerCutPhoto, check.id,
                    "A sealed item needs a photo showing its power is cut.");
            if (!hasNonBlank(check.seal_numbers))
                add(ProblemCode::SealedNeedsSealNumber, check.id,
                    "A sealed item needs at least one seal number.");
        } else if (check.finding == Finding::Dismantled) {
            if (!hasPhoto(check.id, EvidenceTag::DismantledSite))
                add(ProblemCode::DismantledNeedsSitePhoto, check.id,
                    "A dismantled item needs a photo of the cleared site.");
        }
    }

    for (const Photo &photo : bundle.photos) {
        if (photo.inspection_id != inspectionId)
            add(ProblemCode::ForeignPhoto, photo.id,
                "Photo " + photo.id + " belongs to another inspection.");
        else if (photo.check_id && !isOwnCheck(*photo.check_id))
            add(ProblemCode::PhotoUnknownCheck, photo.id,
                "Photo " + photo.id + " names equipment check " + *photo.check_id +
                    ", which is not part of this inspection.");
        if (!isSha256Hex(photo.sha256))
            add(ProblemCode::BadPhotoHash, photo.id,
                "Photo " + photo.id + " has a malformed SHA-256 hash; take it again.");
    }

    if (const auto &opinion = bundle.opinion) {
        if (opinion->inspection_id != inspectionId)
            add(ProblemCode::ForeignOpinion, opinion->id,
                "The opinion belongs to another inspection.");
        bool inspector = false, representative = false;
        for (const Signature &s : opinion->signatures) {
            if (s.role == SignerRole::Inspector)
                inspector = true;
            else
                representative = true;
            if (!isSha256Hex(s.sha256))
                add(ProblemCode::BadSignatureHash, opinion->id,
                    "The signature of " + s.name + " has a malformed SHA-256 hash; sign again.");
        }
        if (bundle.inspection.kind == VisitKind::Acceptance) {
            if (!inspector)
                add(ProblemCode::OpinionNeedsInspectorSignature, opinion->id,
                    "The acceptance opinion needs an inspector's signature.");
            if (!representative)
                add(ProblemCode::OpinionNeedsRepresentativeSignature, opinion->id,
                    "The acceptance opinion needs the enterprise representative's signature.");
        }
    } else if (bundle.inspection.kind == VisitKind::Acceptance) {
        add(ProblemCode::AcceptanceNeedsOpinion, inspectionId,
            "An acceptance visit needs a written acceptance opinion.");
    }
    return out;
}

std::vector<Problem> finaliseProblems(const InspectionBundle &bundle,
                                      const std::vector<Equipment> &planned)
{
    std::vector<Problem> out = finaliseProblems(bundle);
    const auto &checks = bundle.checks;
    if (bundle.inspection.kind == VisitKind::Acceptance) {
        for (const Equipment &e : planned) {
            const bool checked = std::any_of(checks.begin(), checks.end(),
                                             [&](const auto &c) { return c.equipment_id == e.id; });
            if (!checked)
                out.push_back({ProblemCode::AcceptanceUncheckedItem, e.id,
                               "An acceptance visit needs a finding for planned item " + e.kind +
                                   " " + e.spec + "."});
        }
    }
    // The work plan's rules: proper seals, the commitment letter, the verdict the findings support.
    for (Problem &p : planRuleProblems(bundle, planned))
        out.push_back(std::move(p));
    return out;
}

} // namespace fp
