import Testing
@testable import SummitKBExtraction

/// Small lexicons and terms for the proposal tests, and a marked-text helper.
enum ProposalFixture {
    static let lexicon = """
    # format: summitkb-entities/1
    # provenance: test fixture
    # gaps: test fixture
    # columns: kind\tname\taliases\tadjectives\tseats\ttitle\tcountry
    country\tNorway\t\tNorwegian\tOslo
    country\tChile\t\tChilean\tSantiago
    country\tKenya\t\tKenyan\tNairobi
    person\tAna Ruiz\t\t\t\tMinister\tChile
    """

    static let titles = """
    # format: summitkb-titles/1
    # provenance: test fixture
    # gaps: test fixture
    # columns: phrase\ttype
    officials\tactor
    Minister\thead
    """

    static let terms = """
    # format: summitkb-proposal-terms/1
    # provenance: test fixture
    # gaps: test fixture
    # columns: type\tphrases\tvalue\tstatus\tflags
    verb\toffer|offered\tproposes\toffered
    verb\tsuggested|proposed\tproposes\tsuggested
    verb\tadvocates for\tproposes\tproposed
    verb\tbacked|supported\tsupports\tproposed\tweak
    verb\tseek\tproposes\tproposed\tweak
    verb\tstressed that\tproposes\tproposed\tclaim
    verb\turged\tproposes\tproposed\tweak
    verb\trejected\topposes\trejected\tweak
    noun\tcall for\tproposes\tproposed\tweak
    agenda\tto be discussed|discussions on\tdiscusses\tunder discussion\tweak
    kind\ttruce|ceasefire\tceasefire
    kind\tobservers\tmonitoring
    kind\twater fund|drought\twater
    lead\tthe creation of\tcreate
    lead\tthe extension of\textend
    lead\tdeployment of\tdeploy
    topic\tthreat
    stop\tahead of
    condition\tonly after
    list\tas well as
    hedge\tmay
    modal\twould
    aux\thas|have|also|only
    connector\tand|,|'s
    pronoun\tshe|he\tperson
    relative\twho
    copula\tare
    function\ta|the|of|to|in|and|at
    determiner\ta|the|any
    table-cue\toptions
    column\tkey features\tfeatures
    column\trisks\tchallenges
    meeting\ttalks|summit
    actor\tofficials|bloc
    reference\tproposal|plan
    reference-modifier\tnew
    reference-pronoun\tit
    passive\twas|were
    date\tsaturday
    synonym\tsend\tdeploy
    """

    /// Runs tagging and the finder on text; `terms` defaults to the fixture.
    static func find(_ text: String, terms: String = terms, meetings: [ExtractedMeeting] = []) throws
        -> (proposals: [ExtractedProposal], tagging: EntityTagging, document: Document) {
        let document = Document(text: text)
        let tagger = EntityTagger(lexicon: try Lexicon(name: "test-lexicon", text: lexicon),
                                  titles: try TitleLexicon(name: "test-titles", text: titles))
        let tagging = tagger.tag(document)
        let finder = ProposalFinder(terms: try ProposalTerms(name: "test-terms", text: terms))
        return (finder.find(in: document, tagging: tagging, meetings: meetings), tagging, document)
    }

    /// Text with `⟦...⟧` markers: the text without them, and the marked spans.
    static func marked(_ text: String) -> (text: String, spans: [String]) {
        var plain = ""
        var spans: [String] = []
        var current: String?
        for character in text {
            switch character {
            case "⟦": current = ""
            case "⟧": if let span = current { spans.append(span) }; current = nil
            default:
                plain.append(character)
                current?.append(character)
            }
        }
        return (plain, spans)
    }

    /// Entity keys holding a stance on a proposal.
    static func actors(_ proposal: ExtractedProposal, _ stance: Stance) -> [String] {
        proposal.positions.filter { $0.stance == stance }.map(\.entity).sorted()
    }
}
