import CatalogCore

/// The words synthetic entries are made of: the field's own German and English terms, so that text
/// lengths, compounds and the spread of common and rare words resemble real catalogs.
enum SyntheticWords {
    /// Technical terms per technology field, German and English; fields not listed draw from
    /// `generalTerms`.
    static let terms: [String: (de: [String], en: [String])] = [
        "medtech": (
            [
                "Medizintechnik", "Medizinprodukte", "MDR-Zulassung", "Implantate", "Sterilisation",
                "Biokompatibilität",
                "Qualitätsmanagement", "Klinische Bewertung",
            ],
            ["medical devices", "MDR approval", "implants", "sterilisation", "biocompatibility", "clinical evaluation"]
        ),
        "automotive": (
            [
                "Fahrzeugbau", "Elektromobilität", "Antriebsstrang", "Zulieferer", "Batteriezellen",
                "Ladeinfrastruktur",
                "Leichtbau", "Transformation",
            ],
            [
                "electric mobility", "powertrain", "suppliers", "battery cells", "charging infrastructure",
                "lightweight design",
            ]
        ),
        "photonics": (
            [
                "Photonik", "Lasertechnik", "Optik", "Lasermaterialbearbeitung", "Bildverarbeitung",
                "Quantentechnologie",
                "Ultrakurzpulslaser",
            ],
            ["photonics", "laser technology", "optics", "machine vision", "quantum technology", "ultrafast lasers"]
        ),
        "microsystems": (
            [
                "Mikrosystemtechnik", "MEMS", "Mikrofertigung", "Aufbau- und Verbindungstechnik", "Reinraum",
                "Mikrooptik",
            ],
            ["microsystems", "MEMS", "microfabrication", "packaging", "clean room", "micro-optics"]
        ),
        "ai-data": (
            [
                "Künstliche Intelligenz", "KI", "Maschinelles Lernen", "Datenräume", "Datenanalyse", "Sprachmodelle",
                "KI-Verordnung",
            ],
            [
                "artificial intelligence", "AI", "machine learning", "data spaces", "data analytics", "language models",
                "AI Act",
            ]
        ),
        "hydrogen": (
            [
                "Wasserstoff", "Elektrolyse", "Brennstoffzelle", "Wasserstoffwirtschaft", "Speichertechnik",
                "Sektorkopplung",
            ],
            ["hydrogen", "electrolysis", "fuel cells", "hydrogen economy", "energy storage", "sector coupling"]
        ),
        "energy": (
            ["Energiewende", "Photovoltaik", "Windenergie", "Netzintegration", "Energieeffizienz", "Wärmepumpe"],
            [
                "energy transition", "photovoltaics", "wind energy", "grid integration", "energy efficiency",
                "heat pumps",
            ]
        ),
        "production": (
            [
                "Produktionstechnik", "Industrie 4.0", "Additive Fertigung", "Werkzeugmaschinen", "Digitaler Zwilling",
                "Instandhaltung",
            ],
            ["manufacturing", "Industry 4.0", "additive manufacturing", "machine tools", "digital twin", "maintenance"]
        ),
        "automation": (
            ["Automatisierung", "Robotik", "Steuerungstechnik", "Cobots", "Antriebstechnik", "Sensorik"],
            ["automation", "robotics", "control engineering", "cobots", "drive technology", "sensing"]
        ),
        "plastics": (
            ["Kunststofftechnik", "Spritzguss", "Rezyklate", "Kreislaufwirtschaft", "Biokunststoffe", "Extrusion"],
            [
                "plastics engineering", "injection moulding", "recyclates", "circular economy", "bioplastics",
                "extrusion",
            ]
        ),
        "cybersecurity": (
            [
                "IT-Sicherheit", "Cybersicherheit", "NIS2", "Informationssicherheit", "Penetrationstest",
                "Notfallplanung",
            ],
            [
                "IT security", "cybersecurity", "NIS2", "information security", "penetration testing",
                "incident response",
            ]
        ),
        "logistics": (
            ["Logistik", "Lieferkette", "Intralogistik", "Güterverkehr", "Lagertechnik", "Sendungsverfolgung"],
            ["logistics", "supply chain", "intralogistics", "freight transport", "warehousing", "tracking"]
        ),
        "life-sciences": (
            ["Biotechnologie", "Zellkultur", "Diagnostik", "Wirkstoffforschung", "Labor-Automatisierung"],
            ["biotechnology", "cell culture", "diagnostics", "drug discovery", "lab automation"]
        ),
        "food": (
            ["Lebensmitteltechnik", "Verpackung", "Lebensmittelsicherheit", "Alternative Proteine", "Haltbarkeit"],
            ["food technology", "packaging", "food safety", "alternative proteins", "shelf life"]
        ),
    ]

    /// The words of a technology field: its own list, else its name in the vocabulary (split
    /// into words) with the general terms.
    static func terms(of topic: String) -> (de: [String], en: [String]) {
        if let own = terms[topic] { return own }
        guard let term = Vocabularies.topics.term(topic) else { return generalTerms }
        func words(_ label: String) -> [String] {
            label.split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init).filter { $0.count > 3 }
        }
        return ([term.de] + words(term.de) + generalTerms.de, [term.en] + words(term.en) + generalTerms.en)
    }

    static let generalTerms: (de: [String], en: [String]) = (
        [
            "Digitalisierung", "Innovation", "Fachkräftesicherung", "Nachhaltigkeit", "Förderprogramme",
            "Technologietransfer",
            "Normung", "Geschäftsmodelle", "Kooperation", "Internationalisierung", "Markterschließung",
            "Patentrecherche",
        ],
        [
            "digitalisation", "innovation", "skilled workers", "sustainability", "funding programmes",
            "technology transfer",
            "standardisation", "business models", "cooperation", "internationalisation", "market entry",
        ]
    )

    static let titleForms: [String: (de: [String], en: [String])] = [
        "training": (
            [
                "Grundlagen der {t}", "{t} für Einsteiger", "{t} in der Praxis", "Praxisseminar {t}",
                "{t} kompakt", "Zertifikatslehrgang {t}", "{t}: Methoden und Werkzeuge", "Aufbaukurs {t}",
            ],
            [
                "Introduction to {t}", "{t} in practice", "{t} for practitioners", "{t}: methods and tools",
                "Advanced {t}",
            ]
        ),
        "offering": (
            [
                "{k}: {t}", "{t} im Mittelstand", "Netzwerktreffen {t}", "Studie zur {t}", "Umfrage {t} {y}",
                "Partnersuche {t}", "Fachforum {t}", "Marktanalyse {t}", "Arbeitskreis {t}",
            ],
            [
                "{k}: {t}", "{t} for SMEs", "{t} network meeting", "Study on {t}", "{t} survey {y}",
                "Partner search: {t}", "{t} forum",
            ]
        ),
    ]

    static let sentences: (de: [String], en: [String]) = (
        [
            "Die Veranstaltung richtet sich an Unternehmen und Forschungseinrichtungen, die {t} einsetzen oder einführen wollen.",
            "Expertinnen und Experten aus Industrie und Wissenschaft stellen aktuelle Entwicklungen der {t} vor.",
            "Im Mittelpunkt stehen praktische Beispiele aus dem Mittelstand und der Austausch mit anderen Mitgliedern.",
            "Die Teilnehmenden lernen Anforderungen, Methoden und Werkzeuge der {t} kennen und wenden sie in Übungen an.",
            "Wir vermitteln Kontakte zu Partnern aus Forschung und Industrie, die an {t} und {u} arbeiten.",
            "Ergebnisse aus laufenden Verbundprojekten zeigen, wie {t} Kosten senkt und die Qualität erhöht.",
            "Die Studie fasst den Stand der Technik zusammen und gibt Empfehlungen für kleine und mittlere Unternehmen.",
            "Anschließend besteht Gelegenheit zum Netzwerken bei einem Imbiss.",
            "Förderprogramme des Landes und des Bundes für {t} werden vorgestellt.",
            "Die Clustermanagerinnen und Clustermanager beraten zu Fördermöglichkeiten, Normung und Zulassung.",
            "Behandelt werden rechtliche Rahmenbedingungen, Fachkräftesicherung und der Transfer in die Anwendung.",
            "Eine Anmeldung ist erforderlich, die Zahl der Plätze ist begrenzt.",
        ],
        [
            "The event is aimed at companies and research institutes that use or plan to introduce {t}.",
            "Experts from industry and science present current developments in {t}.",
            "The focus is on practical examples from small and medium-sized enterprises and on exchange among members.",
            "Participants learn the requirements, methods and tools of {t} and apply them in exercises.",
            "We connect you with partners from research and industry working on {t} and {u}.",
            "Results from ongoing joint projects show how {t} reduces costs and improves quality.",
            "Registration is required; places are limited.",
        ]
    )

    static let cities: [(city: String, region: String)] = [
        ("Stuttgart", "DE-BW"), ("Karlsruhe", "DE-BW"), ("Tuttlingen", "DE-BW"), ("Freiburg im Breisgau", "DE-BW"),
        ("München", "DE-BY"), ("Nürnberg", "DE-BY"), ("Erlangen", "DE-BY"), ("Regensburg", "DE-BY"),
        ("Berlin", "DE-BE"), ("Potsdam", "DE-BB"), ("Hamburg", "DE-HH"), ("Bremen", "DE-HB"),
        ("Hannover", "DE-NI"), ("Braunschweig", "DE-NI"), ("Düsseldorf", "DE-NW"), ("Köln", "DE-NW"),
        ("Aachen", "DE-NW"), ("Dortmund", "DE-NW"), ("Frankfurt am Main", "DE-HE"), ("Darmstadt", "DE-HE"),
        ("Mainz", "DE-RP"), ("Kaiserslautern", "DE-RP"), ("Saarbrücken", "DE-SL"), ("Dresden", "DE-SN"),
        ("Leipzig", "DE-SN"), ("Chemnitz", "DE-SN"), ("Magdeburg", "DE-ST"), ("Halle (Saale)", "DE-ST"),
        ("Jena", "DE-TH"), ("Erfurt", "DE-TH"), ("Kiel", "DE-SH"), ("Rostock", "DE-MV"),
    ]

    static let venues = [
        "Haus der Wirtschaft", "Technologiezentrum", "Innovationscampus", "IHK-Bildungszentrum",
        "Fraunhofer-Institut", "Hochschule, Gebäude B", "Digital Hub", "Kongresszentrum",
    ]

    static let organizers = [
        "Fraunhofer-Institut für Produktionstechnik", "Hochschule für angewandte Wissenschaften",
        "Technische Universität", "Steinbeis-Transferzentrum", "IHK-Akademie", "Handwerkskammer",
        "Landesagentur für Innovation", "Institut für Mikrosystemtechnik",
    ]
}
