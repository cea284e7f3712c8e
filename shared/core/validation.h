#pragma once
// Domain rules: identifiers, values, and the evidence an inspection needs before it is final.

#include "core/problemcode.h"
#include "core/types.h"

#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// Characters (Unicode code points) in UTF-8 `text`: "王王王" is 3, not 9 bytes.
std::size_t utf8Length(std::string_view text);
/// The shortest password an account may have, in characters.
constexpr std::size_t kMinPasswordChars = 8;
/// Why `password` is too weak for an account, or empty.
std::string passwordProblem(std::string_view password);
/// Why `username` cannot name an account, or empty: 2 to 32 characters, no spaces or control
/// characters ("王 五" is refused; "wang.wu", "王五" are fine).
std::string usernameProblem(std::string_view username);

/// Why a unified social credit code (统一社会信用代码, GB 32100-2015) is not valid, or empty if
/// it is: 18 characters from 0-9 and A-Z without I O Z S V, a 6-digit region code, the embedded
/// organization code (GB 11714) with its own check character, and the final check character.
std::string creditCodeProblem(std::string_view code);
inline bool isValidCreditCode(std::string_view code)
{
    return creditCodeProblem(code).empty();
}

/// The check character (position 18) for the first 17 characters; throws ValidationError if a
/// character is outside the code's alphabet.
char creditCodeCheckChar(std::string_view first17);

/// "YYYY-MM-DD" naming a real calendar day (years 1900-2199).
bool isValidDate(std::string_view text);
/// "YYYY-MM-DDTHH:MM:SS.sssZ" with a real day and time.
bool isValidTimestamp(std::string_view text);
/// The date `months` calendar months after `date` (clamped to the month's last day), e.g. a
/// yellow card issued 2017-08-31 must be rectified by 2018-02-28. Throws on a bad date.
std::string addMonths(std::string_view date, int months);

/// Finite, > 0, and with a non-empty unit.
std::string capacityProblem(const Capacity &capacity);

/// One reason an inspection cannot be finalised yet.
struct Problem
{
    ProblemCode code{};     // toString(code) is the wire spelling, e.g. "sealed_needs_seal_photo"
    std::string subject_id; // the check, photo, opinion or inspection it concerns
    std::string message;    // an English sentence; the app translates by code
    bool operator==(const Problem &) const = default;
};

/// Everything the evidence rules of DESIGN §3 still miss for `bundle`; empty means it may be
/// finalised: sealed ⇒ `seal` and `power_cut` photos of that check and ≥ 1 seal number;
/// dismantled ⇒ a `dismantled_site` photo of that check; acceptance visit ⇒ an opinion with at
/// least one inspector and one representative signature. Also: at least one check, every
/// check and photo belongs to this inspection, photo hashes are well formed.
/// Codes (ProblemCode): NoChecks, ForeignCheck, SealedNeedsSealPhoto, SealedNeedsPowerCutPhoto,
/// SealedNeedsSealNumber, DismantledNeedsSitePhoto, ForeignPhoto, PhotoUnknownCheck,
/// BadPhotoHash, ForeignOpinion, BadSignatureHash, AcceptanceNeedsOpinion,
/// OpinionNeedsInspectorSignature, OpinionNeedsRepresentativeSignature.
std::vector<Problem> finaliseProblems(const InspectionBundle &bundle);

/// finaliseProblems plus the rules that need the enterprise's plan as the tablet holds it: an
/// acceptance visit records a finding for every planned item (AcceptanceUncheckedItem, subject:
/// the equipment id), and the work plan's rules of core/planrules.h (planRuleProblems: proper
/// seals, the commitment letter, and a verdict the findings support). The office re-checks the
/// plan rules on receipt with the plan it holds and flags, not refuses, what fails them.
std::vector<Problem> finaliseProblems(const InspectionBundle &bundle,
                                      const std::vector<Equipment> &planned);

} // namespace fp
