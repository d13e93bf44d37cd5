// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTableView>

#include <functional>

class QSettings;

/// The inbox table: uniform rows, sortable (clicking a header asks the model, which sorts in
/// SQL, so the view never measures or sorts rows itself), and a message can be dragged out as
/// an .eml file (onto a desktop, a file manager or a mail program). The file comes from a
/// provider, because only the window knows which message bytes are already loaded.
///
/// Subject takes the slack: it stretches, and when the view is too narrow for the widths the
/// user gave From and To, those give way (down to a minimum) before Subject does.
class InboxView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxView)

public:
    /// Returns the path of an .eml file for message `id`, or an empty string.
    using FileProvider = std::function<QString(qint64 id)>;

    explicit InboxView(QWidget *parent = nullptr);
    ~InboxView() override;

    void setFileProvider(FileProvider provider) { m_provider = std::move(provider); }
    /// Gives every column its first width (from the font, and this locale's date format) and
    /// its place. Call once the model is set.
    void sizeColumns();
    /// The column order, widths and sort order the user left, and the wanted address widths.
    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;
    /// Selects the rows of messages `ids` (one range per run of them) and makes the row of
    /// `current` current, without scrolling: how a selection survives a reset of the model.
    void selectMessages(const QList<qint64> &ids, qint64 current);
    /// The widths From and To have now are the ones wanted when there is room (after the
    /// columns were sized; a drag on the header does this itself).
    void adoptColumnWidths();
    /// The widths wanted for From and To, which a narrow view may not give them: to save and
    /// restore with the header, whose own state has the widths given.
    QList<int> wantedWidths() const { return {m_wantedFrom, m_wantedTo}; }
    void setWantedWidths(const QList<int> &widths);
    /// True while the view handles a mouse press or a key press: a current row that changes
    /// then was chosen by the user, not moved by the program or the model.
    bool isHandlingInput() const { return m_handlingInput; }

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    /// Home and End go to the first and the last message, as in mail programs: with whole
    /// rows selected, QTableView's own Home and End (first and last column) would do nothing.
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;

private:
    void fitColumns();

    FileProvider m_provider;
    int m_wantedFrom = 0;
    int m_wantedTo = 0;
    bool m_fitting = false;
    bool m_handlingInput = false;
};
