#pragma once
// Data-driven tests of a text predicate (is this a UUIDv7, a SHA-256, a date, a timestamp): rows
// of a text and whether the predicate must accept it.

#include <QString>
#include <QTest>

namespace fp::test {

/// In a `_data()` function: the columns "text" (QString) and "valid" (bool).
inline void addTextRowColumns()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
}

/// In the test function: `predicate` of the row's text (as UTF-8) must be the row's "valid".
template <typename Predicate> void checkTextRow(const Predicate &predicate)
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(predicate(text.toStdString()), valid);
}

} // namespace fp::test
