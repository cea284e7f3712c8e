// The small list models of the app: ChoiceModel, PhotoListModel, ImageFolderModel.

#include "appstore.h"
#include "choicemodel.h"
#include "devicefixture.h"
#include "imagefoldermodel.h"
#include "photolistmodel.h"
#include "translations.h"
#include "vocabulary.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

class TestSmallModels : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void choicesFollowTheLanguage()
    {
        ChoiceModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Translations translations;
        QVERIFY(translations.apply(QStringLiteral("zh_CN")));
        QCOMPARE(m.rowCount(), 6);
        QCOMPARE(m.labels(), (QStringList{QStringLiteral("已拆除"), QStringLiteral("已封存"), QStringLiteral("仍在生产"),
                                          QStringLiteral("停产未封存"), QStringLiteral("去向不明"), QStringLiteral("与清单不符")}));
        QSignalSpy labels(&m, &ChoiceModel::labelsChanged);
        QSignalSpy data(&m, &QAbstractItemModel::dataChanged);
        QVERIFY(translations.apply(QStringLiteral("en")));
        QCOMPARE(labels.count(), 1);
        QCOMPARE(data.count(), 1);
        QCOMPARE(m.data(m.index(Vocabulary::Sealed), ChoiceModel::LabelRole).toString(), QStringLiteral("Sealed"));
        QCOMPARE(m.data(m.index(Vocabulary::Sealed), ChoiceModel::ValueRole).toInt(), int(Vocabulary::Sealed));
        m.setDomain(ChoiceModel::EvidenceTags);
        QCOMPARE(m.rowCount(), 8);
        QCOMPARE(m.labelOf(Vocabulary::PowerCut), QStringLiteral("Power cut"));
        QCOMPARE(m.labelOf(99), QString());
        m.setDomain(ChoiceModel::Verdicts);
        QCOMPARE(m.rowCount(), 3);
    }

    void photosOfAVisitByCheck()
    {
        AppStore store(m_dir.filePath(QStringLiteral("photos")));
        std::string visit, check;
        store.with([&](DeviceStore &s) {
            test::addMiniPlan(s);
            visit = s.startInspection(NewInspection{std::string("t1"), "e1", VisitKind::Exit, {}, "", {}}).id;
            EquipmentCheck c;
            c.inspection_id = visit;
            c.equipment_id = "eq1";
            c.finding = Finding::Dismantled;
            check = s.saveCheck(c).id;
            const std::string a = test::writeJpeg(m_dir.filePath("a.jpg"), 64, 48).toStdString();
            const std::string b = test::writeJpeg(m_dir.filePath("b.jpg"), 80, 60, Qt::green).toStdString();
            s.addPhoto(NewPhoto{visit, check, EvidenceTag::DismantledSite, a, 64, 48, {}, "site"});
            s.addPhoto(NewPhoto{visit, std::nullopt, EvidenceTag::CommitmentLetter, b, 80, 60, {}, "letter"});
        });
        PhotoListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setStore(&store);
        m.setInspectionId(QString::fromStdString(visit));
        QCOMPARE(m.rowCount(), 1); // no check id: the visit's own photos
        QCOMPARE(m.data(m.index(0), PhotoListModel::TagRole).toInt(), int(Vocabulary::CommitmentLetter));
        m.setCheckId(QString::fromStdString(check));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.countWithTag(Vocabulary::DismantledSite), 1);
        QCOMPARE(m.countWithTag(Vocabulary::Seal), 0);
        QVERIFY(QFile::exists(m.data(m.index(0), PhotoListModel::UrlRole).toUrl().toLocalFile()));
        QCOMPARE(m.data(m.index(0), PhotoListModel::WidthRole).toInt(), 64);
        m.setAllPhotos(true);
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(m.remove(0));
        QCOMPARE(m.rowCount(), 1);
        QVERIFY(!m.remove(7));
    }

    void imageFolderListsFoldersThenImages()
    {
        QDir root(m_dir.filePath(QStringLiteral("import")));
        QVERIFY(root.mkpath(QStringLiteral("sub")));
        test::writeJpeg(root.filePath(QStringLiteral("one.jpg")), 32, 32);
        test::writeJpeg(root.filePath(QStringLiteral("two.JPG")), 32, 32);
        QFile note(root.filePath(QStringLiteral("notes.txt")));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.close();

        ImageFolderModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setFolder(root.path());
        QCOMPARE(m.rowCount(), 3);
        QVERIFY(m.data(m.index(0), ImageFolderModel::IsFolderRole).toBool());
        QCOMPARE(m.data(m.index(0), ImageFolderModel::NameRole).toString(), QStringLiteral("sub"));
        QVERIFY(!m.data(m.index(1), ImageFolderModel::IsFolderRole).toBool());
        QVERIFY(m.canGoUp());
        m.goUp();
        QCOMPARE(m.folder(), QDir(m_dir.path()).absolutePath());
    }
};

QTEST_GUILESS_MAIN(TestSmallModels)
#include "tst_smallmodels.moc"
