#pragma once
// Forward declarations of the cpp-httplib types the servers' headers name, so that only their
// source files include <httplib.h>.

namespace httplib {
class Server;
struct Request;
struct Response;
class ContentReader;
} // namespace httplib
