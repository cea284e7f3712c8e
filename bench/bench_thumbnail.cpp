// fp_bench_thumbnail: the time the office takes to make the web page's thumbnail of a
// 12-megapixel photo (4000 x 3000, quality 90, noisy enough to weigh what a phone's photo
// weighs), from the file as the server does. Prints the median of `runs` (default 5). A number
// for docs/performance.md, not a test.

#include "server/thumbnails/thumbnail.h"
#include "testimages.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    QTemporaryDir dir;
    const std::filesystem::path file = dir.path().toStdString() + "/12mp.jpg";
    const std::string source = fp::test::jpegOf(fp::test::photoLike(4000, 3000, 7, 24), 90);
    std::ofstream(file, std::ios::binary) << source;
    std::vector<qint64> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        bytes = fp::makeThumbnail(file).size();
        ms.push_back(timer.elapsed());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("12-megapixel JPEG (4000x3000, %.1f MB) -> thumbnail of %zu bytes: median %lld ms, "
                "min %lld, max %lld (%d runs)\n",
                double(source.size()) / 1e6, bytes, static_cast<long long>(ms[ms.size() / 2]),
                static_cast<long long>(ms.front()), static_cast<long long>(ms.back()), runs);
    return 0;
}
