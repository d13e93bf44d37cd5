// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "fielderrorlabel.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>

namespace {

const QColor kErrorColor(0xd0, 0x45, 0x3a);

} // namespace

FieldErrorLabel::FieldErrorLabel(QWidget *parent)
    : QLabel(parent)
{
    // Ignored: a long message must not widen the dialog; it is elided instead. Never hidden,
    // only empty: QFormLayout drops the row of a hidden widget whatever its size policy says,
    // and the rows below would move up and down with every message.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    updateHeight();
}

FieldErrorLabel::~FieldErrorLabel() = default;

void FieldErrorLabel::setError(const QString &message)
{
    display(message, false);
}

void FieldErrorLabel::setWarning(const QString &message)
{
    display(message, true);
}

void FieldErrorLabel::display(const QString &message, bool warning)
{
    m_warning = warning;
    setText(message);
    setToolTip(message);
    update();
}

QSize FieldErrorLabel::sizeHint() const
{
    return {0, height()};
}

QSize FieldErrorLabel::minimumSizeHint() const
{
    return sizeHint();
}

void FieldErrorLabel::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    painter.setPen(m_warning ? palette().color(QPalette::WindowText) : kErrorColor);
    const QString shown =
        fontMetrics().elidedText((m_warning ? QStringLiteral("⚠ ") : QString()) + text(),
                                 Qt::ElideMiddle, contentsRect().width());
    painter.drawText(contentsRect(), Qt::AlignLeft | Qt::AlignVCenter, shown);
}

void FieldErrorLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateHeight();
}

void FieldErrorLabel::updateHeight()
{
    setFixedHeight(fontMetrics().height() + 2);
}
