// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "findingsview.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>

namespace {

/// Readable on the view's background, light or dark: the theme has no role for "error".
QColor severityColor(CheckFinding::Severity severity, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (severity) {
    case CheckFinding::Severity::Error:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
    case CheckFinding::Severity::Warning:
        return dark ? QColor(0xff, 0xd5, 0x4f) : QColor(0x8a, 0x5a, 0x00);
    case CheckFinding::Severity::Info:
        break;
    }
    return palette.color(QPalette::Text);
}

QIcon severityIcon(CheckFinding::Severity severity, const QStyle *style)
{
    switch (severity) {
    case CheckFinding::Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case CheckFinding::Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case CheckFinding::Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QString severityText(CheckFinding::Severity severity)
{
    switch (severity) {
    case CheckFinding::Severity::Error:
        return FindingsView::tr("Error");
    case CheckFinding::Severity::Warning:
        return FindingsView::tr("Warning");
    case CheckFinding::Severity::Info:
        break;
    }
    return FindingsView::tr("Info");
}

} // namespace

FindingsView::FindingsView(QWidget *parent)
    : QStackedWidget(parent)
{
    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("checksView"));
    m_table->setHeaderLabels({tr("Severity"), tr("Check"), tr("Finding")});
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setAlternatingRowColors(true);
    m_table->header()->setStretchLastSection(true);
    m_noProblems = new QLabel(tr("No problems found."), this);
    m_noProblems->setObjectName(QStringLiteral("noProblems"));
    m_noProblems->setAlignment(Qt::AlignCenter);
    addWidget(m_table);
    addWidget(m_noProblems);
}

FindingsView::~FindingsView() = default;

int FindingsView::setFindings(const QList<CheckFinding> &findings, const QStringList &parseWarnings)
{
    m_findings = findings;
    m_parseWarnings = parseWarnings;
    fill();
    return m_table->topLevelItemCount();
}

void FindingsView::clear()
{
    setFindings({}, {});
}

void FindingsView::fill()
{
    m_table->clear();
    const auto add = [this](CheckFinding::Severity severity, const QString &code,
                            const QString &text) {
        auto *item = new QTreeWidgetItem({severityText(severity), code, text});
        item->setIcon(0, severityIcon(severity, style()));
        item->setForeground(0, severityColor(severity, palette()));
        item->setData(0, Qt::UserRole, int(severity));
        m_table->addTopLevelItem(item);
    };
    for (const CheckFinding &finding : std::as_const(m_findings))
        add(finding.severity, finding.code, finding.message);
    for (const QString &warning : std::as_const(m_parseWarnings))
        add(CheckFinding::Severity::Warning, tr("parse"), warning);
    const bool any = m_table->topLevelItemCount() > 0;
    setCurrentWidget(any ? static_cast<QWidget *>(m_table) : m_noProblems);
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(1);
}

void FindingsView::changeEvent(QEvent *event)
{
    QStackedWidget::changeEvent(event);
    // The severity colours follow the appearance (light or dark).
    if (event->type() == QEvent::PaletteChange)
        fill();
}
