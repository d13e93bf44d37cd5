// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "common/result.h"

#include <QTest>

#include <memory>

namespace {

Result<int> half(int value)
{
    if (value % 2 != 0)
        return Error(ErrorCode::InvalidValue, QStringLiteral("%1 is odd").arg(value),
                     QStringLiteral("value"));
    return value / 2;
}

Result<void> checkPositive(int value)
{
    if (value <= 0)
        return Error(ErrorCode::OutOfRange, QStringLiteral("not positive"));
    return {};
}

} // namespace

class ResultTest final : public QObject
{
    Q_OBJECT

private slots:
    void valueIsKept()
    {
        const Result<int> result = half(8);
        QVERIFY(result.ok());
        QVERIFY(static_cast<bool>(result));
        QCOMPARE(*result, 4);
        QCOMPARE(result.valueOr(-1), 4);
    }

    void errorCarriesCodeFieldAndText()
    {
        const Result<int> result = half(7);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidValue);
        QCOMPARE(result.error().field, QStringLiteral("value"));
        QCOMPARE(result.error().message, QStringLiteral("7 is odd"));
        QCOMPARE(result.valueOr(-1), -1);
    }

    void aboutRenamesTheField()
    {
        const Error error = half(3).error().about(QStringLiteral("other"));
        QCOMPARE(error.field, QStringLiteral("other"));
        QCOMPARE(error.code, ErrorCode::InvalidValue);
    }

    void voidResultIsSuccessOrError()
    {
        QVERIFY(checkPositive(1).ok());
        const Result<void> failed = checkPositive(0);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::OutOfRange);
    }

    void moveOnlyValuesMoveOut()
    {
        Result<std::unique_ptr<int>> result = std::make_unique<int>(5);
        QVERIFY(result.ok());
        std::unique_ptr<int> taken = std::move(result).value();
        QCOMPARE(*taken, 5);
    }

    void convertibleValuesAreAccepted()
    {
        // A derived-to-base pointer or a QByteArray from a literal converts as in a return.
        const Result<QString> text = QStringLiteral("abc");
        QCOMPARE(*text, QStringLiteral("abc"));
        const Result<std::unique_ptr<const int>> constPointer = std::make_unique<int>(3);
        QCOMPARE(**constPointer, 3);
    }
};

QTEST_GUILESS_MAIN(ResultTest)
#include "tst_result.moc"
