#pragma once
// The contract of the BlobStore interface (sync/server/blobs/blobstore.h, issue 18 item 6),
// written against the interface alone: what any implementation must do, whatever holds the
// bytes. A test program derives from BlobStoreContract, says how to make an empty store and how
// to open another store on the same place (as a second server process does), and adds the tests
// of its own implementation; every test function here then runs against it. FolderBlobStore
// runs it in tst_blobstore; a second implementation (an object store) would run the same.

#include "server/blobs/blobstore.h"

#include <QObject>

#include <cstddef>
#include <memory>
#include <string>

namespace fp::test {

class BlobStoreContract : public QObject
{
    Q_OBJECT

  protected:
    /// Makes a new, empty place for blobs; stores opened from now on share it.
    virtual void makeEmptyPlace() = 0;
    /// A store on the current place; several may be open at once, as several servers.
    virtual std::unique_ptr<BlobStore> openStore() = 0;

    /// The store init() opened for the current test function.
    BlobStore &store() { return *m_store; }

  private slots:
    void init();
    void cleanup();

    void aWholeUploadIsVisibleOnlyAfterCommit();
    void aPartialUploadResumesWhereItStopped();
    void aRestartEmptiesThePartial();
    void aWrongHashIsRefusedAndNothingIsVisible();
    void aWrongHashAfterAResumeIsRefusedToo();
    void aCommittedBlobIsSeenByAnotherStore();
    void theLockExcludesOtherStoresAndRequests();
    void aWaiterGetsTheLockWhenTheHolderLetsGo();
    void twoUploadsOfOneBlobAtOnceLeaveItWhole();

  private:
    std::unique_ptr<BlobStore> m_store;
};

/// `n` bytes of a fixed pseudo-random sequence.
std::string randomBlobBytes(std::size_t n, unsigned seed);

} // namespace fp::test
