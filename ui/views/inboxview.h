// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTableView>

#include <functional>

/// The inbox table: uniform rows, sortable (clicking a header asks the model, which sorts in
/// SQL, so the view never measures or sorts rows itself), and a message can be dragged out as
/// an .eml file (onto a desktop, a file manager or a mail program). The file comes from a
/// provider, because only the window knows which message bytes are already loaded.
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

protected:
    void startDrag(Qt::DropActions supportedActions) override;

private:
    FileProvider m_provider;
};
