// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxview.h"

#include "themeicon.h"

#include "models/inboxmodel.h"
#include "models/inboxrowformat.h"

#include <QDrag>
#include <QHeaderView>
#include <QLocale>
#include <QMimeData>
#include <QScopedValueRollback>
#include <QSet>
#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace {

// From and To never get narrower than this many average characters: enough for "alice@exa…".
constexpr int kMinAddressChars = 10;

constexpr QLatin1StringView kHeaderKey("window/inboxHeader");
constexpr QLatin1StringView kAddressWidthsKey("window/inboxAddressWidths");

} // namespace

InboxView::InboxView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSortingEnabled(true);
    setShowGrid(false);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setTextElideMode(Qt::ElideRight);
    verticalHeader()->hide();
    // Uniform row heights: the table never measures rows it does not paint.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSortIndicatorShown(true);
    // A width the user drags From or To to is the one wanted from then on (applied as it is:
    // fitting it at once would fight the drag).
    connect(horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int column, int, int size) {
                if (m_fitting)
                    return;
                if (column == InboxModel::FromColumn)
                    m_wantedFrom = size;
                else if (column == InboxModel::ToColumn)
                    m_wantedTo = size;
            });
}

InboxView::~InboxView() = default;

void InboxView::sizeColumns()
{
    QHeaderView *header = horizontalHeader();
    const QFontMetrics metrics(font());
    // Wide enough for an older message's date and time in this locale's short format.
    const QDateTime widest(QDate(2026, 12, 28), QTime(23, 58, 58));
    header->resizeSection(InboxModel::ReceivedColumn,
                          metrics.horizontalAdvance(InboxRowFormat::receivedText(widest))
                              + metrics.averageCharWidth() * 4);
    header->resizeSection(InboxModel::FromColumn, metrics.averageCharWidth() * 28);
    header->resizeSection(InboxModel::ToColumn, metrics.averageCharWidth() * 28);
    header->resizeSection(InboxModel::SubjectColumn, metrics.averageCharWidth() * 44);
    // The widest size this locale writes (formattedDataSize: "1023 bytes", "1023,99 KiB").
    header->resizeSection(
        InboxModel::SizeColumn,
        std::max(metrics.horizontalAdvance(QLocale().formattedDataSize(1023)),
                 metrics.horizontalAdvance(QLocale().formattedDataSize(1023 * 1024 + 1023)))
            + metrics.averageCharWidth() * 3);
    header->resizeSection(InboxModel::AttachmentColumn, 28);
    header->resizeSection(InboxModel::SecurityColumn, metrics.averageCharWidth() * 16);
    // The findings mark sits beside the paperclip: both say what is inside the message.
    header->resizeSection(InboxModel::ChecksColumn, 28);
    header->moveSection(header->visualIndex(InboxModel::ChecksColumn),
                        header->visualIndex(InboxModel::AttachmentColumn) + 1);
    header->setSectionResizeMode(InboxModel::SubjectColumn, QHeaderView::Stretch);
    adoptColumnWidths();
}

void InboxView::restoreLayout(const QSettings &settings)
{
    QHeaderView *header = horizontalHeader();
    const bool restored = header->restoreState(settings.value(kHeaderKey).toByteArray());
    // Restoring a header brings its sort indicator back, but not the model's sort.
    sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    // The header has the widths a narrow window gave From and To; these are the ones wanted.
    // (A layout saved without them has the wanted ones in the header.)
    if (settings.contains(kAddressWidthsKey))
        setWantedWidths(settings.value(kAddressWidthsKey).value<QList<int>>());
    else if (restored)
        adoptColumnWidths();
}

void InboxView::saveLayout(QSettings &settings) const
{
    settings.setValue(kHeaderKey, horizontalHeader()->saveState());
    settings.setValue(kAddressWidthsKey, QVariant::fromValue(wantedWidths()));
}

void InboxView::selectMessages(const QList<qint64> &ids, qint64 current)
{
    const auto *inbox = qobject_cast<const InboxModel *>(model());
    if (!inbox || (ids.isEmpty() && current == 0))
        return;
    // One pass over the rows, one selection range per run of selected rows.
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    QItemSelection selection;
    int currentRow = -1;
    const QList<qint64> &rows = inbox->ids();
    for (int row = 0; row < rows.size(); ++row) {
        if (rows.at(row) == current)
            currentRow = row;
        if (!wanted.contains(rows.at(row)))
            continue;
        int last = row;
        while (last + 1 < rows.size() && wanted.contains(rows.at(last + 1))) {
            ++last;
            if (rows.at(last) == current)
                currentRow = last;
        }
        selection.select(inbox->index(row, 0), inbox->index(last, InboxModel::ColumnCount - 1));
        row = last;
    }
    if (currentRow >= 0)
        selectionModel()->setCurrentIndex(inbox->index(currentRow, 0),
                                          QItemSelectionModel::NoUpdate);
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void InboxView::startDrag(Qt::DropActions)
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() || !m_provider)
        return;
    const QString path = m_provider(current.data(InboxModel::MessageIdRole).toLongLong());
    if (path.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(path)});
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(ThemeIcon::icon(ThemeIcon::Name::MailUnread).pixmap(32, 32));
    drag->exec(Qt::CopyAction);
}

void InboxView::adoptColumnWidths()
{
    m_wantedFrom = horizontalHeader()->sectionSize(InboxModel::FromColumn);
    m_wantedTo = horizontalHeader()->sectionSize(InboxModel::ToColumn);
    fitColumns();
}

void InboxView::setWantedWidths(const QList<int> &widths)
{
    if (widths.size() != 2 || widths.at(0) <= 0 || widths.at(1) <= 0)
        return;
    m_wantedFrom = widths.at(0);
    m_wantedTo = widths.at(1);
    fitColumns();
}

void InboxView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    fitColumns();
}

void InboxView::fitColumns()
{
    QHeaderView *header = horizontalHeader();
    if (!model() || header->count() < InboxModel::ColumnCount || m_wantedFrom <= 0
        || m_wantedTo <= 0)
        return;
    // The room From, To and Subject share: the other columns keep the width they have.
    int room = viewport()->width();
    for (int column = 0; column < header->count(); ++column) {
        if (column != InboxModel::FromColumn && column != InboxModel::ToColumn
            && column != InboxModel::SubjectColumn && !header->isSectionHidden(column))
            room -= header->sectionSize(column);
    }
    int from = m_wantedFrom;
    int to = m_wantedTo;
    // Subject keeps at least half of that room; From and To shrink in proportion for it.
    const int addressRoom = std::max(0, room / 2);
    if (from + to > addressRoom) {
        const int minimum = fontMetrics().averageCharWidth() * kMinAddressChars;
        from = std::max(minimum, int(qint64(from) * addressRoom / (m_wantedFrom + m_wantedTo)));
        to = std::max(minimum, int(qint64(to) * addressRoom / (m_wantedFrom + m_wantedTo)));
    }
    const QScopedValueRollback fitting(m_fitting, true);
    if (header->sectionSize(InboxModel::FromColumn) != from)
        header->resizeSection(InboxModel::FromColumn, from);
    if (header->sectionSize(InboxModel::ToColumn) != to)
        header->resizeSection(InboxModel::ToColumn, to);
}

void InboxView::mousePressEvent(QMouseEvent *event)
{
    const QScopedValueRollback input(m_handlingInput, true);
    QTableView::mousePressEvent(event);
}

void InboxView::keyPressEvent(QKeyEvent *event)
{
    const QScopedValueRollback input(m_handlingInput, true);
    QTableView::keyPressEvent(event);
}

QModelIndex InboxView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    if ((action == MoveHome || action == MoveEnd) && model() && model()->rowCount() > 0) {
        const int column = currentIndex().isValid() ? currentIndex().column() : 0;
        const int row = action == MoveHome ? 0 : model()->rowCount() - 1;
        return model()->index(row, column);
    }
    return QTableView::moveCursor(action, modifiers);
}
