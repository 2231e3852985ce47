import { UNREADABLE_SECRET } from "../../components/stackConfig";
import { stackConfigInput } from "../../core/config/stackConfigInput";
import { validateConfig } from "../../core/config/validate";

const all = {
    "registry-access:cluster": "dev-cluster",
    "registry-access:namespaces": '["team-a","team-b"]',
    "ibm:ibmcloudApiKey": UNREADABLE_SECRET,
    "other:cluster": "not ours",
};
const secretsAmong =
    (...keys: string[]) =>
    (fullKey: string) =>
        keys.includes(fullKey);

describe("stackConfigInput: the running stack's registry-access: keys", () => {
    it("keeps only this project's namespace, without it", () => {
        const input = stackConfigInput(all, secretsAmong("ibm:ibmcloudApiKey"));
        expect(input).toEqual({
            raw: { cluster: "dev-cluster", namespaces: '["team-a","team-b"]' },
            secretKeys: new Set(),
            unreadable: new Set(),
        });
    });

    it("keeps a key named __proto__, so that validation reports it as unknown rather than never seeing it", () => {
        const input = stackConfigInput({ ...all, ["registry-access:__proto__"]: "x" }, secretsAmong());
        expect(Object.keys(input.raw)).toEqual(["cluster", "namespaces", "__proto__"]);
        expect(() => validateConfig(input.raw)).toThrow(/registry-access:__proto__: is not a known key/);
    });

    it("names the secret keys, and among them those holding the offline plan's placeholder as unreadable", () => {
        const input = stackConfigInput(
            { ...all, "registry-access:dockerEmail": UNREADABLE_SECRET, "registry-access:kubeContext": "ctx" },
            secretsAmong("registry-access:dockerEmail", "registry-access:kubeContext"),
        );
        expect(input.secretKeys).toEqual(new Set(["dockerEmail", "kubeContext"]));
        expect(input.unreadable).toEqual(new Set(["dockerEmail"]));
    });

    it("does not take a plain value that happens to read [secret] for an unreadable secret", () => {
        const input = stackConfigInput({ ...all, "registry-access:dockerEmail": UNREADABLE_SECRET }, secretsAmong());
        expect(input.unreadable).toEqual(new Set());
        expect(() => validateConfig(input.raw, input)).toThrow(/email address/);
    });
});

describe("validation offline", () => {
    const offline = (secret: boolean) => {
        const input = stackConfigInput(
            { ...all, "registry-access:dockerEmail": UNREADABLE_SECRET },
            secretsAmong(...(secret ? ["registry-access:dockerEmail"] : [])),
        );
        return validateConfig(input.raw, input);
    };

    it("accepts an encrypted dockerEmail it cannot read, and still checks a readable one", () => {
        expect(offline(true).dockerEmail).toBe(UNREADABLE_SECRET);
        expect(() => offline(false)).toThrow(/email address/);
        expect(() =>
            validateConfig(
                { cluster: "c", namespaces: '["a"]', dockerEmail: "nobody" },
                { secretKeys: new Set(["dockerEmail"]) },
            ),
        ).toThrow(/email address/);
    });

    it("passes an unreadable value on unchecked, whatever it is, and keeps it out of messages", () => {
        const c = validateConfig(
            { cluster: "c", namespaces: '["a"]', dockerEmail: "not an email" },
            { unreadable: new Set(["dockerEmail"]) },
        );
        expect(c.dockerEmail).toBe("not an email");
        expect(() =>
            validateConfig(
                { cluster: "c", namespaces: '["a"]', secretName: "s3cr3t value" },
                { unreadable: new Set(["secretName"]) },
            ),
        ).toThrow(
            /^invalid stack configuration \(1 problem\):\n {2}- registry-access:secretName: must not be a secret/,
        );
    });
});
