/** Word lists the CRM data generator draws from: names from several cultures (each with its country's phone formats), company words, free-mail domains. */

/** One culture: given names, family names, the country calling code and how people there write a phone number. */
export type Culture = {
  country: string;
  given: readonly string[];
  family: readonly string[];
  /** Country calling code (digits). */
  code: string;
  /** Length of the national number (digits after the country code). */
  digits: number;
  /** Ways the number is written: `#` takes the next national digit; `{cc}` the country code. */
  formats: readonly string[];
  freeMail: readonly string[];
  tlds: readonly string[];
};

/** Cultures, roughly weighted by how often they appear (repeat an entry to weigh it more). */
export const CULTURES: readonly Culture[] = [
  {
    country: "US",
    given: ["James", "Emily", "Michael", "Olivia", "Daniel", "Ava", "Ethan", "Madison", "Tyler", "Hannah", "Brandon", "Chloe", "Marcus", "Jasmine", "Kevin", "Rachel"],
    family: ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Harris", "Clark", "Walker", "Young"],
    code: "1",
    digits: 10,
    formats: ["+{cc} (###) ###-####", "###-###-####", "+{cc}##########", "(###) ###-####", "###.###.####"],
    freeMail: ["gmail.com", "yahoo.com", "outlook.com", "icloud.com"],
    tlds: ["com", "io", "co"],
  },
  {
    country: "GB",
    given: ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy", "Alfie", "Freya", "Charlie", "Imogen", "Archie", "Niamh"],
    family: ["Jones", "Evans", "Hughes", "Roberts", "Wright", "Green", "Hall", "Wood", "Clarke", "Turner", "Cooper", "Hill"],
    code: "44",
    digits: 10,
    formats: ["+{cc} ## #### ####", "0## #### ####", "+{cc}##########", "0####-######"],
    freeMail: ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"],
    tlds: ["co.uk", "com"],
  },
  {
    country: "ES",
    given: ["Lucía", "Javier", "Carmen", "Alejandro", "Sofía", "Pablo", "Marta", "Diego", "Elena", "Sergio", "Paula", "Andrés"],
    family: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno"],
    code: "34",
    digits: 9,
    formats: ["+{cc} ### ## ## ##", "### ### ###", "+{cc}#########", "00{cc} ### ######"],
    freeMail: ["gmail.com", "hotmail.es", "yahoo.es", "outlook.com"],
    tlds: ["es", "com"],
  },
  {
    country: "MX",
    given: ["Valentina", "Santiago", "Ximena", "Mateo", "Regina", "Emiliano", "Camila", "Leonardo"],
    family: ["Hernández", "Ramírez", "Flores", "Torres", "Vázquez", "Castillo", "Ortiz", "Morales"],
    code: "52",
    digits: 10,
    formats: ["+{cc} ## #### ####", "+{cc} 1 ## #### ####", "## #### ####"],
    freeMail: ["gmail.com", "hotmail.com", "yahoo.com.mx"],
    tlds: ["mx", "com.mx", "com"],
  },
  {
    country: "DE",
    given: ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Maximilian", "Laura", "Tobias", "Katharina", "Moritz", "Johanna"],
    family: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter"],
    code: "49",
    digits: 10,
    formats: ["+{cc} ## ########", "0## ########", "+{cc} (0)## ########", "00{cc} ##########", "0###/#######"],
    freeMail: ["gmx.de", "web.de", "t-online.de", "gmail.com"],
    tlds: ["de", "com"],
  },
  {
    country: "FR",
    given: ["Camille", "Louis", "Chloé", "Hugo", "Manon", "Théo", "Léa", "Nathan", "Inès", "Julien", "Élodie", "Antoine"],
    family: ["Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre"],
    code: "33",
    digits: 9,
    formats: ["+{cc} # ## ## ## ##", "0# ## ## ## ##", "+{cc}#########", "0#.##.##.##.##"],
    freeMail: ["orange.fr", "free.fr", "gmail.com", "laposte.net"],
    tlds: ["fr", "com"],
  },
  {
    country: "IN",
    given: ["Aarav", "Ananya", "Vihaan", "Diya", "Arjun", "Isha", "Rohan", "Kavya", "Aditya", "Meera", "Karthik", "Nisha", "Sanjay", "Lakshmi"],
    family: ["Sharma", "Patel", "Reddy", "Iyer", "Gupta", "Nair", "Singh", "Kumar", "Mehta", "Rao", "Chopra", "Menon", "Bose", "Desai"],
    code: "91",
    digits: 10,
    formats: ["+{cc} ##### #####", "+{cc}-##########", "0##########", "+{cc}##########"],
    freeMail: ["gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"],
    tlds: ["in", "co.in", "com"],
  },
  {
    country: "CN",
    given: ["Wei", "Fang", "Jun", "Li", "Hao", "Xin", "Yan", "Lei", "Ming", "Jing"],
    family: ["Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu"],
    code: "86",
    digits: 11,
    formats: ["+{cc} ### #### ####", "+{cc}-###-####-####", "### #### ####"],
    freeMail: ["qq.com", "163.com", "126.com", "gmail.com"],
    tlds: ["cn", "com"],
  },
  {
    country: "JP",
    given: ["Haruto", "Yui", "Sota", "Hina", "Ren", "Sakura", "Yuto", "Aoi", "Kenji", "Emi"],
    family: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"],
    code: "81",
    digits: 10,
    formats: ["+{cc} ##-####-####", "0##-####-####", "+{cc} ## #### ####"],
    freeMail: ["gmail.com", "yahoo.co.jp", "docomo.ne.jp"],
    tlds: ["jp", "co.jp", "com"],
  },
  {
    country: "KR",
    given: ["Minjun", "Seoyeon", "Jiho", "Haeun", "Dohyun", "Jiwoo"],
    family: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
    code: "82",
    digits: 8,
    formats: ["+{cc} 10-####-####", "010-####-####", "+{cc}10########"],
    freeMail: ["naver.com", "daum.net", "gmail.com"],
    tlds: ["kr", "co.kr", "com"],
  },
  {
    country: "NG",
    given: ["Chinedu", "Ngozi", "Oluwaseun", "Aisha", "Emeka", "Funmilayo", "Tunde", "Chiamaka", "Ibrahim", "Zainab"],
    family: ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Abubakar", "Nwosu", "Olawale", "Bello", "Obi"],
    code: "234",
    digits: 10,
    formats: ["+{cc} ### ### ####", "0### ### ####", "+{cc}##########"],
    freeMail: ["gmail.com", "yahoo.com"],
    tlds: ["ng", "com.ng", "com"],
  },
  {
    country: "AE",
    given: ["Omar", "Fatima", "Khalid", "Layla", "Yousef", "Mariam", "Hassan", "Noor"],
    family: ["Al-Mansouri", "Haddad", "Khalil", "Nasser", "Saleh", "Farouk", "Aziz", "Hamdan"],
    code: "971",
    digits: 9,
    formats: ["+{cc} ## ### ####", "0## ### ####", "+{cc}#########"],
    freeMail: ["gmail.com", "hotmail.com", "outlook.com"],
    tlds: ["ae", "com"],
  },
  {
    country: "BR",
    given: ["Gabriel", "Beatriz", "Rafael", "Larissa", "Thiago", "Fernanda", "Gustavo", "Juliana"],
    family: ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Carvalho", "Almeida"],
    code: "55",
    digits: 11,
    formats: ["+{cc} ## #####-####", "(##) #####-####", "+{cc}###########"],
    freeMail: ["gmail.com", "hotmail.com", "uol.com.br", "bol.com.br"],
    tlds: ["com.br", "com"],
  },
  {
    country: "PL",
    given: ["Jakub", "Zuzanna", "Kacper", "Julia", "Szymon", "Maja", "Michał", "Agnieszka"],
    family: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański"],
    code: "48",
    digits: 9,
    formats: ["+{cc} ### ### ###", "### ### ###", "+{cc}#########"],
    freeMail: ["wp.pl", "onet.pl", "gmail.com"],
    tlds: ["pl", "com"],
  },
  {
    country: "VN",
    given: ["Anh", "Linh", "Minh", "Trang", "Duc", "Thao", "Huy", "Mai"],
    family: ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"],
    code: "84",
    digits: 9,
    formats: ["+{cc} ## ### ####", "0## ### ####", "+{cc}#########"],
    freeMail: ["gmail.com", "yahoo.com.vn"],
    tlds: ["vn", "com.vn", "com"],
  },
  {
    country: "SE",
    given: ["Elias", "Ebba", "Oskar", "Saga", "Axel", "Linnea", "Nils", "Astrid"],
    family: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Lindqvist", "Berg"],
    code: "46",
    digits: 9,
    formats: ["+{cc} ## ### ## ##", "0##-### ## ##", "+{cc}#########"],
    freeMail: ["gmail.com", "hotmail.se", "telia.com"],
    tlds: ["se", "com"],
  },
];

/** First words of company names. */
export const COMPANY_HEADS = [
  "Northwind", "Bluepeak", "Fjordline", "Sakura", "Redwood", "Ironbark", "Silverleaf", "Copperhill", "Summit", "Tidewater",
  "Granite", "Brightwater", "Evergreen", "Lumen", "Harbor", "Alpine", "Cedar", "Falcon", "Orchid", "Meridian",
  "Kestrel", "Juniper", "Atlas", "Nimbus", "Sierra", "Aurora", "Basalt", "Coral", "Driftwood", "Ember",
  "Glacier", "Highland", "Indigo", "Kora", "Lighthouse", "Monsoon", "Oakridge", "Pioneer", "Quartz", "Riverbend",
] as const;

/** Second words of company names (the kind of business). */
export const COMPANY_TAILS = [
  "Outfitters", "Logistics", "Trading", "Adventures", "Sports", "Retail", "Expeditions", "Supply", "Gear", "Travel",
  "Hostels", "Scouts", "Academy", "Rentals", "Events", "Labs", "Foods", "Outdoor Club", "Ventures", "Partners",
  "Studios", "Works", "Mountain Guides", "Camping", "Systems", "Tours", "Camps", "Goods", "Trekking", "Collective",
] as const;

/** Industries a company may carry as its attribute. */
export const INDUSTRIES = ["retail", "hospitality", "education", "logistics", "events", "tourism", "software", "sports"] as const;

/** The free tags the demo and the benchmark put on customers. */
export const CUSTOMER_TAGS = ["vip", "newsletter", "churn-risk", "wholesale", "beta"] as const;

/** Plans of the `plan` list attribute. */
export const PLANS = ["free", "pro", "enterprise"] as const;
