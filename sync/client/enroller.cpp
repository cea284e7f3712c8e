#include "enroller.h"

#include "apiclient.h"
#include "crypto/ed25519.h"
#include "logcheck.h"

namespace fp {

Enrolment enrollDevice(DeviceStore &store, Transport &transport, const EnrollInput &input,
                       const RetryPolicy &policy)
{
    ApiClient api(transport, {}, policy, nullptr);
    // A new key for every enrolment; the secret half is kept only once the office has taken
    // the public half, so a failed enrolment leaves the previous key (and its chain) in place.
    const crypto::KeyPair pair = crypto::newKeyPair();
    const EnrollResponse answer = api.enroll(EnrollRequest{
        input.username, input.password, input.device_name, crypto::toHex(pair.public_key)});
    // The key first: a kill before the enrolment is saved leaves a key naming the new device,
    // which the office knows; the old token still pushes for the same account.
    store.signingKeys().save(DeviceSigningKey{answer.device_id, pair.public_key, pair.secret_key});
    Enrolment e{input.server_url, input.ca_file, answer.device_id, answer.token, answer.username};
    saveEnrolment(store, e);
    pinOfficeKey(store, answer.office_public_key);
    return e;
}

} // namespace fp
