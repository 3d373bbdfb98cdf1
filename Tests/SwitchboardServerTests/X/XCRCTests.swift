import Foundation
import SwitchboardServer
import Testing

@Suite struct XCRCTests {
    @Test func everyCRCVectorInTheFixturesMatches() throws {
        let vectors = try Fixtures.signatureVectors()
        #expect(vectors.crc.count == 4)
        for vector in vectors.crc {
            #expect(XCRC.responseToken(crcToken: vector.token, consumerSecret: vectors.secret) == vector.response)
        }
    }

    @Test func crcRequestIsAnsweredWithTheResponseTokenJSON() throws {
        // The token travels URL-encoded: "MTIzNDU2Nzg5MA==" arrives as MTIzNDU2Nzg5MA%3D%3D.
        let request = HTTPRequest(method: .get, target: "/webhooks/x?crc_token=MTIzNDU2Nzg5MA%3D%3D&nonce=1")
        let response = XCRC.response(to: request, consumerSecret: "FAKE_CONSUMER_SECRET")
        #expect(response.status == .ok)
        #expect(response.headers["content-type"] == "application/json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        #expect(object == ["response_token": "sha256=Z0bD5REMgNa40aqpKu/3RigRDj9kSWfvoHdrSTwN1+4="])
    }

    @Test(arguments: ["/webhooks/x", "/webhooks/x?crc_token=", "/webhooks/x?crc_token=%zz"])
    func missingOrBrokenTokenIs400(target: String) {
        let response = XCRC.response(to: HTTPRequest(method: .get, target: target), consumerSecret: "s")
        #expect(response.status == .badRequest)
    }

    @Test func oversizedTokenIs400() {
        let target = "/webhooks/x?crc_token=" + String(repeating: "a", count: XCRC.maxTokenBytes + 1)
        #expect(XCRC.response(to: HTTPRequest(method: .get, target: target), consumerSecret: "s").status == .badRequest)
    }
}
