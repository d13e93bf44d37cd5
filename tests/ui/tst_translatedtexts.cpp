// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "errortext.h"
#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "models/localetime.h"
#include "pages/inboxpage.h"
#include "settings/settingsdialog.h"
#include "smtptestclient.h"
#include "testsettings.h"
#include "translations.h"
#include "views/messageview.h"
#include "views/releasedialog.h"
#include "widgetchild.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace WindowParts;
using namespace WindowSteps;

namespace {

const QByteArray kMessage = quarterlyReport(
    "<p>The <b>numbers</b> are in the <img src=\"https://remote.test/x.png\">attachment.</p>");

/// The marker the pseudo translation (resources/translations/pseudo_translation.py) puts
/// around every translated text.
constexpr QChar kMarker = QChar(0x27e6);

/// Collects the texts people see in a widget tree and names those without the pseudo
/// translation's marker: texts that did not go through tr(). What the test put in (the
/// message's subject and addresses, the store's path) is data, not text, and is left out.
class UntranslatedTexts final
{
public:
    explicit UntranslatedTexts(QStringList data)
        : m_data(std::move(data))
    {}

    /// `root` and its visible descendants, with their actions.
    void collect(const QWidget *root)
    {
        QList<const QWidget *> widgets{root};
        for (const QWidget *widget : root->findChildren<QWidget *>())
            widgets.append(widget);
        for (const QWidget *widget : widgets) {
            if (widget->isVisible() && !insideBrowser(widget))
                collectWidget(widget);
        }
        for (const QAction *action : root->findChildren<QAction *>()) {
            if (!insideBrowser(action) && !action->isSeparator())
                collectAction(action);
        }
    }

    void check(const QString &where, const QString &text)
    {
        if (!text.isEmpty())
            ++m_checked;
        if (text.contains(kMarker))
            return;
        static const QRegularExpression tags(QStringLiteral("<[^>]*>|&[a-z]+;"));
        static const QRegularExpression word(QStringLiteral("\\p{L}{2,}"));
        QString rest = text;
        rest.remove(tags);
        for (const QString &data : m_data)
            rest.remove(data, Qt::CaseInsensitive);
        if (rest.contains(word)) {
            const QString problem = where + QStringLiteral(": \"") + text + u'"';
            if (!m_problems.contains(problem))
                m_problems.append(problem);
        }
    }

    QStringList problems() const { return m_problems; }
    /// How many texts were looked at, so that a test cannot pass by seeing nothing.
    int checked() const { return m_checked; }

private:
    static bool insideBrowser(const QObject *object)
    {
        // The browser's own menus and texts come with QtWebEngine's translations.
        for (; object; object = object->parent()) {
            if (qobject_cast<const QWebEngineView *>(object)
                || qobject_cast<const QWebEnginePage *>(object))
                return true;
        }
        return false;
    }

    static QString name(const QObject *object)
    {
        QStringList path;
        for (; object; object = object->parent()) {
            path.prepend(object->objectName().isEmpty()
                             ? QString::fromLatin1(object->metaObject()->className())
                             : object->objectName());
        }
        return path.join(u'/');
    }

    /// Standard buttons say what Qt's own translation (qtbase_*.qm) says: not ours to wrap.
    static bool isStandardButtonText(const QAbstractButton *button)
    {
        const auto *box = qobject_cast<const QDialogButtonBox *>(button->parent());
        if (!box)
            return false;
        const QDialogButtonBox::StandardButton which =
            box->standardButton(const_cast<QAbstractButton *>(button));
        if (which == QDialogButtonBox::NoButton)
            return false;
        QDialogButtonBox plain(which);
        return plain.button(which)->text() == button->text();
    }

    void collectWidget(const QWidget *widget)
    {
        const QString where = name(widget);
        check(where + QStringLiteral(" (tooltip)"), widget->toolTip());
        if (widget->isWindow())
            check(where + QStringLiteral(" (window title)"), widget->windowTitle());
        if (const auto *label = qobject_cast<const QLabel *>(widget))
            check(where, label->text());
        if (const auto *button = qobject_cast<const QAbstractButton *>(widget)) {
            if (!isStandardButtonText(button))
                check(where, button->text());
        }
        if (const auto *group = qobject_cast<const QGroupBox *>(widget))
            check(where, group->title());
        if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
            check(where + QStringLiteral(" (placeholder)"), edit->placeholderText());
        if (const auto *edit = qobject_cast<const QPlainTextEdit *>(widget))
            check(where + QStringLiteral(" (placeholder)"), edit->placeholderText());
        if (const auto *edit = qobject_cast<const QTextEdit *>(widget))
            check(where + QStringLiteral(" (placeholder)"), edit->placeholderText());
        if (const auto *box = qobject_cast<const QComboBox *>(widget)) {
            for (int i = 0; i < box->count(); ++i)
                check(where + QStringLiteral(" (item %1)").arg(i), box->itemText(i));
        }
        if (const auto *box = qobject_cast<const QAbstractSpinBox *>(widget))
            check(where + QStringLiteral(" (special value)"), box->specialValueText());
        if (const auto *box = qobject_cast<const QSpinBox *>(widget)) {
            check(where + QStringLiteral(" (prefix)"), box->prefix());
            check(where + QStringLiteral(" (suffix)"), box->suffix());
        }
        if (const auto *tabs = qobject_cast<const QTabBar *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i) {
                check(where + QStringLiteral(" (tab %1)").arg(i), tabs->tabText(i));
                check(where + QStringLiteral(" (tab %1 tooltip)").arg(i), tabs->tabToolTip(i));
            }
        }
        if (const auto *view = qobject_cast<const QAbstractItemView *>(widget);
            view && view->model()) {
            const QAbstractItemModel *model = view->model();
            for (int column = 0; column < model->columnCount(); ++column) {
                for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                    check(where + QStringLiteral(" (header %1)").arg(column),
                          model->headerData(column, Qt::Horizontal, role).toString());
                }
            }
        }
    }

    void collectAction(const QAction *action)
    {
        const QString where = name(action) + QStringLiteral(" (action)");
        check(where, action->text());
        check(where + QStringLiteral(" (tooltip)"), action->toolTip());
        check(where + QStringLiteral(" (status tip)"), action->statusTip());
    }

    QStringList m_data;
    QStringList m_problems;
    int m_checked = 0;
};

QAction *actionNamed(const QWidget &window, const QString &source)
{
    const QString text = kMarker + source + QChar(0x27e7);
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    qFatal("no action %s", qPrintable(text));
    return nullptr;
}

void visitTabs(const QWidget *root, UntranslatedTexts *texts)
{
    texts->collect(root);
    for (QTabWidget *tabs : root->findChildren<QTabWidget *>()) {
        if (!tabs->isVisible())
            continue;
        const int current = tabs->currentIndex();
        for (int i = 0; i < tabs->count(); ++i) {
            if (!tabs->isTabEnabled(i))
                continue;
            tabs->setCurrentIndex(i);
            texts->collect(root);
        }
        tabs->setCurrentIndex(current);
    }
}

} // namespace

/// Every text on screen went through tr(): with a pseudo translation that puts every
/// translated text between markers, a text without one was not translated. Fails naming the
/// widget and the text. A new string that is not yet in the .ts files fails too, until the
/// letterbox_update_translations target is built.
class TestTranslatedTexts final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(Translations::install(*qApp, QLocale(QLocale::English)) >= 1);
        QVERIFY2(Translations::installFile(*qApp, QStringLiteral(LETTERBOX_PSEUDO_QM)),
                 LETTERBOX_PSEUDO_QM);
    }

    /// The check itself finds a text that did not go through tr(), and leaves data alone.
    void findsUntranslatedText()
    {
        QWidget window;
        auto *plain = new QLabel(QStringLiteral("Plain English"), &window);
        plain->setObjectName(QStringLiteral("plainLabel"));
        new QLabel(QCoreApplication::translate("MainActions", "Quit") + QStringLiteral(" (3)"),
                   &window);
        new QLabel(QStringLiteral("alice@example.test"), &window);
        window.show();
        UntranslatedTexts texts({QStringLiteral("alice@example.test")});
        texts.collect(&window);
        QCOMPARE(texts.problems().size(), 1);
        QVERIFY(texts.problems().constFirst().contains(u"plainLabel"));
        QVERIFY(texts.problems().constFirst().contains(u"Plain English"));
    }

    /// Every error code has its translated summary for the window (ErrorText), and the window
    /// shows core's English text only as the detail in a language other than English.
    void errorTextsAreTranslated()
    {
        for (int code = int(ErrorCode::InvalidValue); code <= int(ErrorCode::RemoteTemporary);
             ++code) {
            const QString summary = ErrorText::summary(ErrorCode(code));
            QVERIFY2(summary.contains(kMarker), qPrintable(summary));
        }
        const Error error(ErrorCode::AddressInUse, QStringLiteral("127.0.0.1:25: in use"));
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QString english = ErrorText::of(error);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString german = ErrorText::of(error);
        QLocale::setDefault(before);
        QCOMPARE(english, error.message);
        QVERIFY2(german.contains(ErrorText::summary(ErrorCode::AddressInUse))
                     && german.contains(error.message),
                 qPrintable(german));
    }

    /// Times in the session list and the log follow the locale, to the second.
    void timesFollowTheLocale()
    {
        const QTime time(14, 3, 7, 250);
        QCOMPARE(LocaleTime(QLocale(QLocale::German, QLocale::Germany)).time(time), u"14:03:07");
        QCOMPARE(LocaleTime(QLocale(QLocale::German, QLocale::Germany)).timeWithMilliseconds(time),
                 u"14:03:07,250");
        const QString american =
            LocaleTime(QLocale(QLocale::English, QLocale::UnitedStates)).time(time);
        QVERIFY2(american.startsWith(u"2:03:07") && american.endsWith(u"PM"), qPrintable(american));
    }

    void everyTextIsTranslated()
    {
        QTemporaryDir store;
        UntranslatedTexts texts(
            {QStringLiteral("Quarterly report"), QStringLiteral("alice@example.test"),
             QStringLiteral("bob@example.test"), QStringLiteral("hidden@example.test"),
             QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("report.csv"),
             QStringLiteral("text/csv"), QStringLiteral("text/plain"), QStringLiteral("text/html"),
             QStringLiteral("remote.test"), QStringLiteral("localhost"), store.path(),
             // Names that are the same in every language: SASL mechanisms, where the store
             // goes by default, this machine's name, the greeting's default application name.
             QStringLiteral("Letterbox"), QStringLiteral("CRAM-MD5"), QStringLiteral("PLAIN"),
             QStringLiteral("LOGIN"),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
             QSysInfo::machineHostName()});

        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test",
                                         {"bob@example.test", "hidden@example.test"}, kMessage),
                 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        const qint64 id =
            inboxModel(window)->index(0, 0).data(InboxModel::MessageIdRole).toLongLong();
        QVERIFY(inboxPage(window)->selectMessage(id));
        QTRY_VERIFY(messageView(window)->hasMessage() && messageView(window)->details().id == id);
        // The main tabs (inbox, sessions) and, on the inbox, every tab of the message.
        visitTabs(&window, &texts);

        for (const char *help : {"Search Syntax", "Keyboard Shortcuts", "About Letterbox"})
            actionNamed(window, QString::fromLatin1(help))->trigger();
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (top != &window && top->isVisible())
                texts.collect(top);
        }

        SettingsDialog settings(testSettings(store.path()));
        settings.show();
        visitTabs(&settings, &texts);

        const auto refuse = [](const QStringList &) -> Result<void> {
            return Error(ErrorCode::Conflict, QStringLiteral("bob@example.test"));
        };
        ReleaseDialog unset(QStringLiteral("Quarterly report"),
                            {QStringLiteral("bob@example.test")}, QString(), refuse);
        unset.show();
        texts.collect(&unset);
        ReleaseDialog release(QStringLiteral("Quarterly report"),
                              {QStringLiteral("bob@example.test")}, QStringLiteral("localhost:587"),
                              refuse);
        release.show();
        // Refused: the dialog says why under the recipients.
        release.findChild<QPushButton *>(QStringLiteral("releaseButton"))->click();
        QTRY_VERIFY(release.findChild<QLabel *>(QStringLiteral("releaseProblem"))->isVisible());
        texts.collect(&release);

        qInfo("%d texts looked at", texts.checked());
        // The window, the settings pages, menus and dialogs show far more than this.
        QVERIFY2(texts.checked() > 300, qPrintable(QString::number(texts.checked())));
        QVERIFY2(texts.problems().isEmpty(),
                 qPrintable(QStringLiteral("\n%1 text(s) not translated (wrap them in tr(), then "
                                           "build letterbox_update_translations):\n")
                                .arg(texts.problems().size())
                            + texts.problems().join(u'\n')));
    }
};

QTEST_MAIN(TestTranslatedTexts)
#include "tst_translatedtexts.moc"
