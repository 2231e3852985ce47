/** What a promise rejects with; a test fails when it resolves. */
export async function caught(p: Promise<unknown>): Promise<Error> {
    try {
        await p;
    } catch (err) {
        return err as Error;
    }
    throw new Error("expected a rejection");
}

/** The message a promise rejects with. */
export const rejectionMessage = async (p: Promise<unknown>): Promise<string> => (await caught(p)).message;
