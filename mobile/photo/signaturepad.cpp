#include "photo/signaturepad.h"

#include <QBuffer>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>

namespace fp {

SignaturePad::SignaturePad(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setAntialiasing(true);
    setFillColor(Qt::white);
}

void SignaturePad::paint(QPainter *painter)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(Qt::black, m_penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->drawPath(m_path);
}

void SignaturePad::clear()
{
    m_path = QPainterPath();
    update();
    Q_EMIT strokesChanged();
}

void SignaturePad::addStroke(const QPointF &from, const QPointF &to)
{
    const bool wasEmpty = empty();
    m_path.moveTo(from);
    m_path.lineTo(to);
    update();
    if (wasEmpty)
        Q_EMIT strokesChanged();
}

QByteArray SignaturePad::toPng() const
{
    if (empty())
        return {};
    const QSize size = QSizeF(width(), height()).toSize().expandedTo(QSize(64, 32));
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, m_penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(m_path);
    painter.end();
    // Grayscale keeps the PNG small; a signature has no colour.
    image = image.convertToFormat(QImage::Format_Grayscale8);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

void SignaturePad::mousePressEvent(QMouseEvent *event)
{
    const bool wasEmpty = empty();
    setKeepMouseGrab(true); // a signature stroke must not scroll the page behind it
    m_path.moveTo(event->position());
    m_path.lineTo(event->position() + QPointF(0.1, 0.1)); // a dot is a mark too
    update();
    if (wasEmpty)
        Q_EMIT strokesChanged();
    event->accept();
}

void SignaturePad::mouseMoveEvent(QMouseEvent *event)
{
    m_path.lineTo(event->position());
    update();
    event->accept();
}

void SignaturePad::mouseReleaseEvent(QMouseEvent *event)
{
    setKeepMouseGrab(false);
    event->accept();
}

} // namespace fp
