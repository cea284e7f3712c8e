// The small list models of the app: ChoiceModel, PhotoListModel, ImageFolderModel; the role
// names of the list models.

#include "app/appsettings.h"
#include "app/appstore.h"
#include "devicefixture.h"
#include "models/cardlistmodel.h"
#include "models/choicemodel.h"
#include "models/enterprisedirectorymodel.h"
#include "models/photolistmodel.h"
#include "models/visitlistmodel.h"
#include "photo/imagefoldermodel.h"
#include "text/translations.h"
#include "text/vocabulary.h"

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
    // The names QML delegates read come from each model's Role enum: every key, without "Role",
    // first letter lower case.
    void roleNamesAreTheRoleKeys()
    {
        const QHash<int, QByteArray> photos = PhotoListModel().roleNames();
        QCOMPARE(photos.size(), QMetaEnum::fromType<PhotoListModel::Role>().keyCount());
        QCOMPARE(photos.value(PhotoListModel::PhotoIdRole), QByteArray("photoId"));
        QCOMPARE(photos.value(PhotoListModel::PhotoWidthRole), QByteArray("photoWidth"));
        QCOMPARE(ChoiceModel().roleNames().value(ChoiceModel::LabelRole), QByteArray("label"));
        // ... also through the enterprise lists' common base, from the subclass's enum.
        const QHash<int, QByteArray> cards = CardListModel().roleNames();
        QCOMPARE(cards.size(), QMetaEnum::fromType<CardListModel::Role>().keyCount());
        QCOMPARE(cards.value(CardListModel::StandardLabelRole), QByteArray("standardLabel"));
        QCOMPARE(VisitListModel().roleNames().value(VisitListModel::IsCorrectionRole),
                 QByteArray("isCorrection"));
    }

    void choicesFollowTheLanguage()
    {
        ChoiceModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Translations translations;
        QVERIFY(translations.apply(QStringLiteral("zh_CN")));
        QCOMPARE(m.rowCount(), 6);
        QCOMPARE(m.labels(),
                 (QStringList{QStringLiteral("已拆除"), QStringLiteral("已封存"),
                              QStringLiteral("仍在生产"), QStringLiteral("停产未封存"),
                              QStringLiteral("去向不明"), QStringLiteral("与清单不符")}));
        QSignalSpy labels(&m, &ChoiceModel::labelsChanged);
        QSignalSpy data(&m, &QAbstractItemModel::dataChanged);
        QVERIFY(translations.apply(QStringLiteral("en")));
        QCOMPARE(labels.count(), 1);
        QCOMPARE(data.count(), 1);
        QCOMPARE(m.data(m.index(Vocabulary::Sealed), ChoiceModel::LabelRole).toString(),
                 QStringLiteral("Sealed"));
        QCOMPARE(m.data(m.index(Vocabulary::Sealed), ChoiceModel::ValueRole).toInt(),
                 int(Vocabulary::Sealed));
        m.setDomain(ChoiceModel::EvidenceTags);
        QCOMPARE(m.rowCount(), 8);
        QCOMPARE(m.labelOf(Vocabulary::PowerCut), QStringLiteral("Power cut"));
        QCOMPARE(m.labelOf(99), QString());
        m.setDomain(ChoiceModel::Verdicts);
        QCOMPARE(m.rowCount(), 3);
    }

    void directoryListsEnterprisesWithAndWithoutTasks()
    {
        AppStore store(m_dir.filePath(QStringLiteral("directory")));
        EnterpriseDirectoryModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setStore(&store);
        QCOMPARE(m.rowCount(), 0);
        store.with([&](DeviceStore &s) {
            test::addMiniPlan(s); // e1 in 马风镇, with task t1
            s.put(Region{"r0", "东四管理区", RegionKind::ManagementArea});
            s.put(Enterprise{
                "e2", "91210381MA0000002Y", "海城镁质耐火材料厂", "r0", "镁质", "", "", "", {}});
        });
        QSignalSpy counts(&m, &EnterpriseDirectoryModel::countChanged);
        store.notifyRefreshed(); // what a pull does
        QCOMPARE(counts.count(), 1);
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.totalCount(), 2);
        const auto at = [&](int row, int role) { return m.data(m.index(row), role); };
        // Ordered by region in Chinese collation (pinyin: dong before ma).
        QCOMPARE(at(0, EnterpriseDirectoryModel::EnterpriseIdRole).toString(),
                 QStringLiteral("e2"));
        QCOMPARE(at(0, EnterpriseDirectoryModel::RegionNameRole).toString(),
                 QStringLiteral("东四管理区"));
        QCOMPARE(at(0, EnterpriseDirectoryModel::TaskCountRole).toInt(), 0);
        QCOMPARE(at(1, EnterpriseDirectoryModel::EnterpriseIdRole).toString(),
                 QStringLiteral("e1"));
        QCOMPARE(at(1, EnterpriseDirectoryModel::TaskCountRole).toInt(), 1);

        m.setSearchText(QStringLiteral("镁质"));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(at(0, EnterpriseDirectoryModel::EnterpriseIdRole).toString(),
                 QStringLiteral("e2"));
        m.setSearchText(QStringLiteral("ma0000001x")); // credit codes match in any case
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(at(0, EnterpriseDirectoryModel::EnterpriseIdRole).toString(),
                 QStringLiteral("e1"));
        m.setSearchText(QStringLiteral("不存在"));
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.totalCount(), 2);
        m.setSearchText(QString());
        QCOMPARE(m.rowCount(), 2);
    }

    void photosOfAVisitByCheck()
    {
        AppStore store(m_dir.filePath(QStringLiteral("photos")));
        std::string visit, check;
        store.with([&](DeviceStore &s) {
            test::addMiniPlan(s);
            visit = test::startMiniVisit(s, VisitKind::Exit, {});
            check = test::saveFinding(s, visit, "eq1", Finding::Dismantled);
            const std::string a = test::writeJpeg(m_dir.filePath("a.jpg"), 64, 48).toStdString();
            const std::string b =
                test::writeJpeg(m_dir.filePath("b.jpg"), 80, 60, Qt::green).toStdString();
            s.addPhoto(NewPhoto{visit, check, EvidenceTag::DismantledSite, a, 64, 48, {}, "site"});
            s.addPhoto(NewPhoto{
                visit, std::nullopt, EvidenceTag::CommitmentLetter, b, 80, 60, {}, "letter"});
        });
        PhotoListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setStore(&store);
        m.setInspectionId(QString::fromStdString(visit));
        QCOMPARE(m.rowCount(), 1); // no check id: the visit's own photos
        QCOMPARE(m.data(m.index(0), PhotoListModel::TagRole).toInt(),
                 int(Vocabulary::CommitmentLetter));
        m.setCheckId(QString::fromStdString(check));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.countWithTag(Vocabulary::DismantledSite), 1);
        QCOMPARE(m.countWithTag(Vocabulary::Seal), 0);
        QVERIFY(QFile::exists(m.data(m.index(0), PhotoListModel::UrlRole).toUrl().toLocalFile()));
        QCOMPARE(m.data(m.index(0), PhotoListModel::PhotoWidthRole).toInt(), 64);
        m.setAllPhotos(true);
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(m.remove(0));
        QCOMPARE(m.rowCount(), 1);
        QVERIFY(!m.remove(7));
    }

    // Issue 15.3: a deleted photo's file leaves the tablet once nothing refers to it — not
    // while another photo holds the same bytes, nor when a signature does.
    void deletedPhotoFileGoesWithItsLastReference()
    {
        AppStore store(m_dir.filePath(QStringLiteral("deleted")));
        std::string visit;
        const std::string same =
            test::writeJpeg(m_dir.filePath("same.jpg"), 64, 48, Qt::blue).toStdString();
        std::string sha;
        store.with([&](DeviceStore &s) {
            test::addMiniPlan(s);
            visit = test::startMiniVisit(s, VisitKind::Exit, {});
            sha =
                s.addPhoto(
                     NewPhoto{visit, std::nullopt, EvidenceTag::Overview, same, 64, 48, {}, "one"})
                    .sha256;
            s.addPhoto(NewPhoto{visit, std::nullopt, EvidenceTag::Other, same, 64, 48, {}, "two"});
        });
        const QString file = store.blobUrl(QString::fromStdString(sha)).toLocalFile();
        PhotoListModel m;
        m.setStore(&store);
        m.setInspectionId(QString::fromStdString(visit));
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(m.remove(0));
        QVERIFY2(QFile::exists(file), "the other photo still refers to the file");
        QVERIFY(m.remove(0));
        QVERIFY2(!QFile::exists(file), "no photo refers to the file any more");

        // A signature's PNG kept by the opinion stays, whatever photo of the same bytes goes.
        const QString sigFile = test::writeJpeg(m_dir.filePath("sig.jpg"), 32, 16);
        QFile bytes(sigFile);
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        const QByteArray data = bytes.readAll();
        const std::string sigSha = store.with([&](DeviceStore &s) {
            std::string h = s.storeSignature(std::string_view(data.constData(), data.size()));
            Opinion o;
            o.inspection_id = visit;
            o.verdict = Verdict::Fail;
            o.signatures = {
                Signature{SignerRole::Inspector, "张伟", h, "2017-11-20T02:30:00.000Z"}};
            s.saveOpinion(o);
            const Photo p = s.addPhoto(NewPhoto{visit,
                                                std::nullopt,
                                                EvidenceTag::Other,
                                                sigFile.toStdString(),
                                                32,
                                                16,
                                                {},
                                                "same as the signature"});
            if (p.sha256 != h)
                return std::string(); // not the same bytes: the test would prove nothing
            return h;
        });
        QVERIFY(!sigSha.empty());
        store.notifyInspectionChanged(QString::fromStdString(visit));
        QCOMPARE(m.rowCount(), 1);
        QVERIFY(m.remove(0));
        QVERIFY(QFile::exists(store.blobUrl(QString::fromStdString(sigSha)).toLocalFile()));
    }

    // Issue 15.3: a seal number typed but not added is a draft that outlives the app: written
    // at once, read back by the next start (a new AppSettings on the same folder), gone when
    // cleared.
    void typedDraftOutlivesTheApp()
    {
        const QString dir = m_dir.filePath(QStringLiteral("drafts"));
        QDir().mkpath(dir);
        {
            AppSettings settings(dir);
            QCOMPARE(settings.draft(QStringLiteral("seal/c1")), QString());
            settings.setDraft(QStringLiteral("seal/c1"), QStringLiteral("HC-2017-0901"));
            settings.setDraft(QStringLiteral("seal/c2"), QStringLiteral("HC-2017-0902"));
            settings.setDraft(QString(), QStringLiteral("no key: ignored"));
            // On disk already, while the app still runs (a kill now loses nothing).
            QFile ini(dir + QStringLiteral("/settings.ini"));
            QVERIFY(ini.open(QIODevice::ReadOnly));
            QVERIFY(ini.readAll().contains("HC-2017-0902"));
        }
        AppSettings next(dir);
        QCOMPARE(next.draft(QStringLiteral("seal/c1")), QStringLiteral("HC-2017-0901"));
        next.setDraft(QStringLiteral("seal/c1"), QString());
        QCOMPARE(AppSettings(dir).draft(QStringLiteral("seal/c1")), QString());
        QCOMPARE(AppSettings(dir).draft(QStringLiteral("seal/c2")), QStringLiteral("HC-2017-0902"));
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
