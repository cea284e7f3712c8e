#pragma once

#include <QByteArray>
#include <QPainterPath>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace fp {

/// A box to sign in with a finger or stylus; the strokes become a PNG for the opinion.
class SignaturePad : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool empty READ empty NOTIFY strokesChanged)
    Q_PROPERTY(qreal penWidth MEMBER m_penWidth NOTIFY penWidthChanged)

  public:
    explicit SignaturePad(QQuickItem *parent = nullptr);

    void paint(QPainter *painter) override;
    bool empty() const { return m_path.isEmpty(); }

    Q_INVOKABLE void clear();
    /// The signature as a PNG: black strokes on white, at the pad's size; empty if unsigned.
    Q_INVOKABLE QByteArray toPng() const;
    /// Adds a straight stroke (tests drive the pad without a pointer).
    Q_INVOKABLE void addStroke(const QPointF &from, const QPointF &to);

  Q_SIGNALS:
    void strokesChanged();
    void penWidthChanged();

  protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

  private:
    QPainterPath m_path;
    qreal m_penWidth = 4;
};

} // namespace fp
