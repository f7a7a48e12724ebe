"""Word lists for the rule-based entity recogniser, written by hand from general knowledge.

Kept apart from :mod:`crosswire.extract.entities.extractor` so that the rules read in one sitting. Every list is a
frozenset of exact words (case matters) unless it says otherwise.
"""

from __future__ import annotations

from crosswire.text.words import word_set

__all__ = [
    "CONNECTORS",
    "FIRST_NAMES",
    "MEDIA_NAMES",
    "MEDIA_WORDS",
    "NOT_NAMES",
    "NOT_NORP",
    "ORG_ACRONYMS",
    "ORG_WORDS",
    "TITLE_HEADS",
    "TITLE_WORDS",
    "WEAPON_GENERIC",
    "WEAPON_HEADS",
    "WEAPON_MODIFIERS",
    "WEAPON_NAMES",
    "WEAPON_NAMES_BEFORE_HEAD",
    "WEAPON_SPECIFIC",
]

# Words of a title phrase ("Defence Minister", "Vice President", "Dr.").
TITLE_WORDS = word_set(
    """
    President Vice Prime Minister Secretary Chancellor Premier Governor Mayor Senator Sen. Rep.
    Representative Ambassador Envoy Spokesman Spokeswoman Spokesperson General Gen. Lieutenant Lt.
    Colonel Col. Major Maj. Captain Capt. Admiral Adm. Commander Sergeant Sgt. Marshal Brigadier
    King Queen Prince Princess Emperor Sheikh Emir Pope Cardinal Bishop Archbishop Imam Rabbi
    Father Rev. Reverend Dr. Dr Prof. Professor Mr. Mr Mrs. Mrs Ms. Ms Miss Sir Dame Lord Lady
    Judge Justice Chief Director Chairman Chairwoman Chair Commissioner Inspector Detective Officer
    Defence Defense Foreign Interior Finance Health Deputy Acting Former Opposition State Home
    Economy Trade Energy Education Culture Labour Labor Agriculture Transport Security Army Navy
    Supreme Senior Leader Speaker Minister-President CEO Editor Attorney Superintendent Constable
    Const. Pastor Ayatollah Crown Chief-of-Staff Executive Managing Coach Manager Striker Midfielder
    Defender Goalkeeper Chancellor-elect President-elect Sheriff Deputy-Governor
    """
)
# Words that can close a title phrase: a name may follow them.
TITLE_HEADS = word_set(
    """
    President Minister Secretary Chancellor Premier Governor Mayor Senator Sen. Rep. Representative
    Ambassador Envoy Spokesman Spokeswoman Spokesperson General Gen. Lieutenant Lt. Colonel Col.
    Major Maj. Captain Capt. Admiral Adm. Commander Sergeant Sgt. Marshal Brigadier King Queen
    Prince Princess Emperor Sheikh Emir Pope Cardinal Bishop Archbishop Imam Rabbi Father Rev.
    Reverend Dr. Dr Prof. Professor Mr. Mr Mrs. Mrs Ms. Ms Miss Sir Dame Lord Lady Judge Justice
    Chief Director Chairman Chairwoman Chair Commissioner Inspector Detective Officer Leader Speaker
    CEO Editor Attorney Superintendent Constable Const. Pastor Ayatollah Coach Manager Striker
    Midfielder Defender Goalkeeper President-elect Sheriff
    """
)
ORG_WORDS = word_set(
    """
    Ministry Agency Institute Council Party Army Command Staff Committee University Group Bank
    Corporation Corp. Company Co. Inc. Inc Ltd Ltd. LLC PLC plc Association Union Forces Force Navy
    Police Court Parliament Assembly Commission Office Department Service Services Organisation
    Organization Federation Front Movement Brigade Brigades Guard Guards Foundation Fund Board
    Authority Senate Congress Coalition Alliance Centre Center School College Hospital Academy
    Society Trust Bureau Directorate Secretariat Cabinet Government Administration Regiment
    Division Battalion Corps Fleet Airlines Airways Holdings Industries Motors Systems Technologies
    Partners Capital Investments Institution Observatory Tribunal Club League Church Nations Network
    Reserve Exchange Unit Units Militia Telecom Telecommunications Steel Energy Petroleum Oil Gas
    Pharmaceuticals Entertainment Studios Software Networks Communications Electric Electronics
    Foods Stores Securities Insurance Bancorp Enterprises Labs Laboratories Consortium Cooperative
    Syndicate Federal Reserve Republicans Democrats Taliban Hezbollah Hamas FC United Rovers Wanderers
    Athletic Albion Hotspur Aid Registry Tobacco Life Boerse Bourse Treasury Airline Railways Railway
    Post Office Agencies Commission
    """
)
ORG_ACRONYMS = word_set(
    """
    UN NATO OPEC IMF WTO WHO FBI CIA NSA EU ECB OECD ASEAN IAEA ICC ICJ UNICEF UNESCO UNHCR FIFA
    UEFA IOC MI5 MI6 KGB FSB SEC FDA NASA BNP Fed IRA ISIS ISIL PKK YPG SDF FARC ANC OSCE AU
    Nato Opec Unicef Unesco Fifa Uefa Isis Hamas Hezbollah
    """
)
MEDIA_WORDS = word_set(
    """
    Herald Times Post Tribune Gazette Journal Daily Telegraph Guardian Chronicle Observer Independent
    Mirror Express Mail Courier Monitor Review Bulletin Dispatch Standard Star Sun Globe Inquirer
    Television TV Radio Broadcasting Broadcaster News Press Newspaper Magazine Weekly Wire Media
    """
)
MEDIA_NAMES = word_set(
    """
    Reuters Bloomberg Xinhua TASS Tass Interfax Yonhap KCNA IRNA Anadolu Kyodo AFP AP Sputnik BBC CNN
    NPR NBC CBS ABC MSNBC PBS ITV RTE Aljazeera Euronews Politico Axios Ria RIA Novosti ANI PTI
    """
)
NOT_NAMES = word_set(
    """
    The A An This That These Those It He She They We I You His Her Their Its Our But And Or If When
    While As At In On For From To By With After Before Since During Under Over Into Of Not No Yes
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December However Meanwhile Also Still Yet Although
    Though Because So Then Now Here There Where What Which Who Why How Some Many Most Several All
    Both Each Every Other Such Last Next First Second Third One Two Three Today Yesterday Tomorrow
    According Asked Earlier Later Officials Residents Analysts Troops Soldiers Police Critics
    Christmas Easter Year Years Week Month Day Night Morning Evening Speaking
    Writing Despite Unlike Like Following Including Instead Whether Once Just Even Only Every
    Internet Web Online Twitter Facebook Instagram YouTube Google
    """
)
CONNECTORS = frozenset({" of ", " for ", " of the ", " for the ", " on ", " de ", " del ", " da ", " di "})
# Capitalised plural nouns that end like nationalities ("Politicians") but are not.
NOT_NORP = word_set(
    """
    Politicians Musicians Physicians Technicians Civilians Historians Librarians Comedians
    Pedestrians Electricians Magicians Academicians Statisticians Mathematicians Guardians
    Custodians Veterans Guardian Christian Christians Median Meridian Obsidian Indian Indians
    Legionnaires Chinese Japanese Lebanese Sudanese Vietnamese Burmese Portuguese Maltese
    """
)

# Common given names (many languages), so that "Karl Vogt" is a person before anything else says so.
FIRST_NAMES = word_set(
    """
    Aaron Abdul Abdullah Abu Adam Adrian Ahmad Ahmed Aisha Alan Albert Alberto Alejandro Alex
    Alexander Alexandra Alexei Alfred Ali Alice Alicia Alison Amanda Amber Amy Ana Andrea Andreas
    Andrew Andrei Andy Angela Angelina Ann Anna Anne Anthony Antonio Ariel Arnold Arthur Ashley
    Aung Barack Barbara Barry Ben Benjamin Bernard Bernie Beth Betty Bill Bob Boris Brad Brian
    Bruce Bruno Carl Carlos Carmen Caroline Catherine Charles Charlie Chris Christian Christina
    Christine Christopher Claire Claude Claudia Colin Craig Dan Daniel Daniela Danny Dave David
    Dean Deborah Dennis Diana Diane Dick Dmitry Dominic Donald Doug Douglas Ed Eddie Edward Elena
    Elizabeth Ellen Emily Emma Emmanuel Enrique Eric Erik Ernst Eva Fatima Felipe Fernando Frank
    Franz Fred Frederick Gary George Georg Gerald Gerhard Giovanni Giuseppe Gordon Graham Greg
    Gregory Hans Harold Harry Hassan Heather Heinz Helen Helmut Henry Hillary Hugh Hussein Ian
    Igor Isabel Ivan Jack Jacob Jacques James Jamie Jan Jane Janet Jason Javier Jean Jeff Jeffrey
    Jennifer Jeremy Jerry Jessica Jim Jimmy Joan Joe Johan Johann John Johnny Jon Jonathan Jorge
    Jose José Joseph Josh Joshua Juan Judith Julia Julian Julie Jurgen Justin Karen Karl Kate
    Katherine Kathleen Keith Kelly Ken Kenneth Kevin Khalid Kim Klaus Kofi Kurt Larry Laura Lauren
    Lee Leon Leonard Linda Lisa Louis Louise Luis Luke Mahmoud Marc Marco Margaret Maria Marie
    Mario Mark Martin Mary Matt Matthew Maurice Max Megan Mehmet Melissa Michael Michel Michelle
    Miguel Mike Mikhail Mohamed Mohammad Mohammed Muhammad Nancy Naomi Nathan Neil Nicholas Nick
    Nicola Nicolas Nigel Nikolai Olga Oliver Omar Oscar Pablo Pamela Pascal Patricia Patrick Paul
    Paula Pedro Peter Philip Philippe Pierre Rachel Rafael Ralph Ramon Raymond Rebecca Richard Rick
    Rob Robert Roberto Robin Roger Ronald Rosa Ross Roy Ruth Ryan Sally Sam Samantha Samuel Sandra
    Sara Sarah Scott Sean Sebastian Serena Sergei Sergey Simon Sophie Stefan Stephanie Stephen Steve
    Steven Stuart Susan Tanya Ted Teresa Terry Thomas Tim Timothy Tom Tomas Tommy Tony Tracy Valerie
    Vanessa Victor Victoria Viktor Vincent Vladimir Walter Wayne Werner Wilhelm William Wolfgang
    Xavier Yasser Yuri Yusuf Zoe Angela Emmanuel Narendra Xi Shinzo Recep Benjamin Jair Justin
    Theresa Malcolm Gerhard Jacques Silvio Tony Gordon Nicolas Francois François Hu Wen Li Wang
    """
)

# Weapons. A head noun alone is WEAPON only when it names a specific type (WEAPON_SPECIFIC); a
# generic head ("missiles", "drones") needs a modifier ("ballistic missiles", "attack drones") or
# a designator or name before it ("S-400 systems", "Patriot missiles").
WEAPON_HEADS = word_set(
    """
    missile missiles rocket rockets launcher launchers howitzer howitzers artillery mortar mortars
    tank tanks vehicle vehicles carrier carriers jet jets plane planes aircraft bomber bombers warship
    warships frigate frigates destroyer destroyers submarine submarines drone drones helicopter
    helicopters gunship gunships system systems warhead warheads rifle rifles gun guns grenade
    grenades landmine landmines mines shells interceptor interceptors cannon cannons weapon weapons
    """
)
WEAPON_SPECIFIC = word_set(
    """
    howitzer howitzers mortars frigate frigates destroyers submarine submarines gunship gunships
    landmine landmines grenade grenades interceptors ICBM ICBMs SLBM SLBMs APC APCs MLRS
    """
)
WEAPON_GENERIC = word_set(
    """
    missile missiles rocket rockets launcher launchers artillery mortar tank tanks vehicle vehicles
    carrier carriers jet jets plane planes aircraft bomber bombers warship warships destroyer drone
    drones helicopter helicopters system systems warhead warheads rifle rifles gun guns mines shells
    interceptor cannon cannons weapon weapons
    """
)
WEAPON_MODIFIERS = word_set(
    """
    ballistic cruise hypersonic anti-tank anti-aircraft anti-ship surface-to-air air-to-air
    air-to-surface surface-to-surface intercontinental multiple rocket battle armoured armored
    personnel fighter attack missile nuclear assault machine helicopter aircraft main self-propelled
    guided precision-guided short-range medium-range long-range intermediate-range unmanned combat
    stealth tactical strategic air-defence air-defense defence defense kamikaze loitering heavy
    automatic semi-automatic sniper naval guided-missile amphibious
    """
)
# Names of weapon systems that stand alone ("HIMARS", "Kinzhal") ...
WEAPON_NAMES = word_set(
    """
    HIMARS ATACMS Javelins Stinger Stingers Tomahawk Tomahawks Kalibr Kinzhal Iskander Iskanders
    Shahed Shaheds Bayraktar Bayraktars Kornet Hellfire Sarmat Avangard Zircon Tsirkon Tochka Scud
    Scuds Kalashnikov Kalashnikovs AK-47 AK-47s M16 Eurofighter Rafale Gripen Sukhoi MiG Tupolev
    Minuteman Hwasong Pukguksong Sejjil Qassam Katyusha Katyushas
    """
)
# ... and names that are also common words, weapons only before a weapon head ("Patriot missiles").
WEAPON_NAMES_BEFORE_HEAD = word_set(
    """
    Patriot Leopard Abrams Challenger Taurus Typhoon Tornado Harrier Apache Chinook Hawk Predator
    Reaper Trident Grad Uragan Smerch Shahab Fateh Khorramshahr Javelin Storm Shadow SCALP Reaper
    Triumf Pantsir Buk Tor Igla Spike Iron Dome Arrow Sling THAAD Aegis NASAMS IRIS-T
    """
)
