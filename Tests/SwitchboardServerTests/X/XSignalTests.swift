import SwitchboardServer
import Testing

@Suite struct XSignalTests {
    @Test func markReadCarriesTheEventAndTheCustomerAsFormParameters() {
        let signal = XSignal.markRead(recipientID: "2000000000000000002", lastReadEventID: "1100000000000000003")
        #expect(signal.kind == .markRead)
        #expect(signal.kind.path == "/1.1/direct_messages/mark_read.json")
        #expect(signal.recipientID == "2000000000000000002")
        #expect(
            String(decoding: XSignal.formBody(signal.formParameters), as: UTF8.self)
                == "last_read_event_id=1100000000000000003&recipient_id=2000000000000000002")
    }

    @Test func typingCarriesOnlyTheCustomer() {
        let signal = XSignal.typing(recipientID: "2000000000000000002")
        #expect(signal.kind.rawValue == "typing")
        #expect(signal.kind.path == "/1.1/direct_messages/indicate_typing.json")
        #expect(String(decoding: XSignal.formBody(signal.formParameters), as: UTF8.self) == "recipient_id=2000000000000000002")
    }

    @Test func formBodyPercentEncodesLikeTheSignatureBaseStringNeverWithPlus() {
        let body = XSignal.formBody([("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), ("a b", "☃&=")])
        #expect(
            String(decoding: body, as: UTF8.self)
                == "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21&a%20b=%E2%98%83%26%3D")
    }

    @Test func requestIsAFormPostWithTheGivenAuthorization() {
        let request = XSignal.typing(recipientID: "42").request(
            url: "https://api.twitter.com/1.1/direct_messages/indicate_typing.json", authorization: "OAuth x", timeout: .seconds(5))
        #expect(request.method == .post)
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["authorization"] == "OAuth x")
        #expect(request.body == Array("recipient_id=42".utf8))
        #expect(request.timeout == .seconds(5))
    }

    /// X's worked example signs two request parameters; sent as a form body they give its signature.
    @Test func formParametersAreSignedAsInXsWorkedExample() throws {
        let example = try OAuth1SignerTests.example()
        let header = example.signer.authorizationHeader(
            method: "POST", url: example.url, formParameters: example.requestParameters, nonce: example.nonce,
            timestamp: example.timestamp)
        #expect(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""))
        // The same parameters without the form body sign differently: the body is part of the signature.
        let unsigned = example.signer.authorizationHeader(
            method: "POST", url: example.url, nonce: example.nonce, timestamp: example.timestamp)
        #expect(!unsigned.contains("hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"))
    }

    /// Vectors checked by hand with Python's hmac/hashlib/base64 and urllib.parse.quote(safe="-._~"),
    /// using the worked example's credentials, nonce and timestamp.
    @Test(arguments: [
        (
            XSignal.markRead(recipientID: "2000000000000000002", lastReadEventID: "1100000000000000003"),
            "7VSCILHA9Sm6G7yCVCHbVkl9kCA="
        ),
        (XSignal.typing(recipientID: "2000000000000000002"), "yYT96FqgKpZLorOqpHaoxZ4xfes="),
    ])
    func signalSignaturesMatchHandCheckedVectors(signal: XSignal, signature: String) throws {
        let example = try OAuth1SignerTests.example()
        let url = "https://api.twitter.com" + signal.kind.path
        let parameters = example.signer.protocolParameters(nonce: example.nonce, timestamp: example.timestamp) + signal.formParameters
        #expect(example.signer.signature(method: "POST", url: url, parameters: parameters) == signature)
    }
}
