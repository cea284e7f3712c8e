#include "text/languagenotifier.h"

namespace fp {

LanguageNotifier *LanguageNotifier::instance()
{
    static LanguageNotifier notifier;
    return &notifier;
}

} // namespace fp
