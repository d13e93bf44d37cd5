// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "browserglcontext.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QOpenGLContext>
#include <QSurfaceFormat>

// Exported by QtGui for exactly this purpose; QtWebEngine declares them the same way.
QT_BEGIN_NAMESPACE
Q_GUI_EXPORT void qt_gl_set_global_share_context(QOpenGLContext *context);
Q_GUI_EXPORT QOpenGLContext *qt_gl_global_share_context();
QT_END_NAMESPACE

namespace {

QOpenGLContext *reservedContext = nullptr;

// Before QGuiApplication's own clean-up, which does not know about a context it did not make.
void deleteReservedContext()
{
    if (qt_gl_global_share_context() == reservedContext)
        qt_gl_set_global_share_context(nullptr);
    delete reservedContext;
    reservedContext = nullptr;
}

} // namespace

void BrowserGlContext::reserve()
{
    if (reservedContext || qt_gl_global_share_context())
        return;
    reservedContext = new QOpenGLContext;
    qt_gl_set_global_share_context(reservedContext);
    // Widgets such as QOpenGLWidget (and QtWebEngine's own view) check the attribute.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    qAddPostRoutine(deleteReservedContext);
}

void BrowserGlContext::createIfNeeded()
{
    QOpenGLContext *context = qt_gl_global_share_context();
    if (!context || context->isValid())
        return;
    context->setScreen(QGuiApplication::primaryScreen());
    context->setFormat(QSurfaceFormat::defaultFormat());
    context->create();
}

bool BrowserGlContext::isCreated()
{
    const QOpenGLContext *context = qt_gl_global_share_context();
    return context && context->isValid();
}
