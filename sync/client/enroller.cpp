#include "enroller.h"

#include "apiclient.h"
#include "logcheck.h"

namespace fp {

Enrolment enrollDevice(DeviceStore &store, Transport &transport, const EnrollInput &input,
                       const RetryPolicy &policy)
{
    ApiClient api(transport, {}, policy, nullptr);
    const EnrollResponse answer =
        api.enroll(EnrollRequest{input.username, input.password, input.device_name});
    Enrolment e{input.server_url, input.ca_file, answer.device_id, answer.token, answer.username};
    saveEnrolment(store, e);
    pinOfficeKey(store, answer.office_public_key);
    return e;
}

} // namespace fp
