/** IBM Cloud's own answers, as published, for the tests of the credential path. */

/** IAM's 400 for an unknown API key (published in a bug report, 2018); `context` names the caller's IP address. */
export const IAM_UNKNOWN_KEY_400 =
    '{"context":{"requestId":"583ab17ab34d44fe890aef44f9fbee0b","requestType":"incoming.Identity_Token",' +
    '"userAgent":"watson-developer-cloud-nodejs-3.13.0;","clientIp":"70.80.204.99","url":"https://iam.bluemix.net",' +
    '"instanceId":"iamid-7568c4648f-m8fz7","threadId":"133f29","host":"iamid-7568c4648f-m8fz7",' +
    '"startTime":"07.11.2018 23:24:55:486 UTC","endTime":"07.11.2018 23:24:55:551 UTC","elapsedTime":"65",' +
    '"locale":"en_US","clusterName":"iam-id-prlon02-tjwu"},"errorCode":"BXNIM0415E",' +
    '"errorMessage":"Provided API key could not be found"}';
