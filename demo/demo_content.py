"""The Polish texts of the demo site, loaded by `manage.py load_demo_content`.

Facts, titles, dates and video ids come from the institute's public project page (see
/work/shared/content/CONTENT.md); the texts are written afresh. Whitespace inside strings is
collapsed by the loader, so long texts can be wrapped freely. Times are `h:mm:ss` or `mm:ss`.
Real PDFs are not available: the slide decks are generated samples with the real titles.
"""

from datetime import date

ORGANISATION_NAME = "Centrum OPUS · Centrum Analiz i Modeli Społecznych"
CONTACT_EMAIL = "lwaszak@opus.org.pl"
# Who signs the demo certificates (an example person, not a real one) and the logo's wording.
CERTIFICATE_SIGNATORY = "Anna Przykładowa"
CERTIFICATE_SIGNATORY_ROLE = "Koordynatorka programu edukacyjnego CAMS, Centrum OPUS"
LOGO_TITLE = "Logo CAMS (demo)"

FUNDING = """Projekt „Centrum Analiz i Modeli Społecznych” realizuje Centrum OPUS w partnerstwie
z Centrum Innowacji Społecznych Uniwersytetu Łódzkiego. Projekt sfinansowany jest przez Narodowy
Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego (NIW-CRSO) ze środków Programu
Rozwoju Organizacji Obywatelskich na lata 2018–2030 (PROO)."""

# The footer's links to the privacy policy and the accessibility statement are added by the
# loader, which knows the pages' ids.
FOOTER_TEXT = f"<p>{FUNDING}</p>"

DEMO_NOTE = """<p>To jest treść przykładowa, przygotowana na potrzeby wersji demonstracyjnej
platformy. Przed udostępnieniem serwisu użytkownikom wymaga weryfikacji.</p>"""

# --------------------------------------------------------------------------------------------
# Topic areas ("Baza analiz i modeli społecznych")
# --------------------------------------------------------------------------------------------

AKTYWNOSC = "modele-aktywnosci-obywatelskiej"
PARTYCYPACJA = "modele-partycypacji-spolecznej"
WSPOLPRACA = "modele-wspolpracy-miedzysektorowej"

TOPIC_AREAS = [
    {
        "slug": AKTYWNOSC,
        "name": "Modele aktywności obywatelskiej",
        "description": """Narzędzia, dzięki którym mieszkańcy, grupy nieformalne i lokalne
        organizacje mogą działać na rzecz swojej okolicy – od mikrograntów po inicjatywy
        sąsiedzkie.""",
    },
    {
        "slug": PARTYCYPACJA,
        "name": "Modele partycypacji społecznej",
        "description": """Sposoby włączania mieszkańców w decyzje i działania samorządu:
        fundusz sąsiedzki, badania potrzeb mieszkańców, budżet obywatelski i inicjatywa
        lokalna.""",
    },
    {
        "slug": WSPOLPRACA,
        "name": "Modele współpracy międzysektorowej",
        "description": """Proste formy współpracy samorządu, organizacji pozarządowych
        i mieszkańców – także finansowej, poza rozbudowanym trybem dotacyjnym.""",
    },
]

# --------------------------------------------------------------------------------------------
# Speakers: only people and organisations named in the source
# --------------------------------------------------------------------------------------------

IS_UL = "Katedra Socjologii Wsi i Miasta, Instytut Socjologii UŁ"

SPEAKERS = [
    {
        "name": "Łukasz Waszak",
        "affiliation": "Centrum OPUS",
        "bio": """Koordynator projektu „Centrum Analiz i Modeli Społecznych” w Centrum OPUS
        w Łodzi. Współautor koncepcji funduszu sąsiedzkiego, opracowanej przez sześcioosobowy
        zespół roboczy.""",
    },
    {
        "name": "Inga B. Kuźma",
        "affiliation": "Centrum Innowacji Społecznych UŁ",
        "bio": """Podczas seminarium 4 listopada 2021 r. przedstawiła założenia projektu
        „Centrum Analiz i Modeli Społecznych” Centrum OPUS w Łodzi i Centrum Innowacji
        Społecznych UŁ.""",
    },
    {
        "name": "Katarzyna Zajda",
        "affiliation": IS_UL,
        "bio": """Autorka wystąpienia „Jak powstają innowacje społeczne na wsi? Problemy
        społeczne i ich nietypowe rozwiązywanie” (seminarium 4 listopada 2021 r.).""",
    },
    {
        "name": "Agnieszka Murawska",
        "affiliation": IS_UL,
        "bio": """Autorka wystąpienia „Obywatelska troska o dobro wspólne jako idea i praktyka
        społeczna” (seminarium 4 listopada 2021 r.).""",
    },
    {
        "name": "Paweł Starosta",
        "affiliation": IS_UL,
        "bio": """Prof. dr hab. Prowadził dyskusję podczas seminarium „Działania obywatelskie
        - praktyka, nowe rozwiązania i badania społeczne” 4 listopada 2021 r.""",
    },
    {
        "name": "Zespół Centrum OPUS",
        "affiliation": "Centrum OPUS w Łodzi",
        "bio": """Zespół łódzkiego ośrodka wspierania organizacji pozarządowych, który razem
        z Centrum Innowacji Społecznych UŁ tworzy Centrum Analiz i Modeli Społecznych.""",
    },
    {
        "name": "Gmina Wieruszów",
        "affiliation": "samorząd gminy",
        "bio": "Doświadczenia gminy z mikrograntami zaprezentowano podczas webinarium w 2021 r.",
    },
    {
        "name": "Gmina Rzgów",
        "affiliation": "samorząd gminy",
        "bio": "Doświadczenia gminy z mikrograntami zaprezentowano podczas webinarium w 2021 r.",
    },
    {
        "name": "Sieradz",
        "affiliation": "samorząd miasta",
        "bio": """Lokalny program mikrograntów Sieradza zaprezentowano podczas webinarium
        w 2021 r.""",
    },
]

# --------------------------------------------------------------------------------------------
# Slide decks: title (as published), file name, publication date, (heading, body) per slide.
# make_slide_deck_pdf adds a title slide, so slide 1 is the title and slide 2 the first pair.
# --------------------------------------------------------------------------------------------

MIKROGRANTY_SLIDES_DATE = date(2021, 4, 30)
SEMINAR_SLIDES_DATE = date(2021, 11, 9)

DECKS = {
    "mikrogranty-wprowadzenie": {
        "title": "1.Prezentacja_wprowadzenie",
        "file": "mikrogranty-wprowadzenie.pdf",
        "published_on": MIKROGRANTY_SLIDES_DATE,
        "slides": [
            (
                "Po co rozmawiamy o mikrograntach?",
                """Mikrogranty to niewielkie, szybko przyznawane środki na działania mieszkańców,
             grup nieformalnych i młodych organizacji. Pozwalają zacząć działać bez
             rozbudowanych procedur.""",
            ),
            (
                "Skąd się wzięły?",
                """W Polsce narzędzie rozwijało się głównie dzięki programowi Fundusz Inicjatyw
             Obywatelskich. Coraz częściej własne programy mikrograntów tworzą też
             samorządy.""",
            ),
            (
                "Pytania webinarium",
                """Dlaczego i jak samorządy rozwijają programy mikrograntowe? Jak mikrogranty
             wpływają na aktywność lokalną? Czy wspierają ją w czasie pandemii? Dokąd zmierza
             to narzędzie?""",
            ),
            (
                "Plan spotkania",
                """Wyniki badań, regranting w programie FIO, doświadczenia Wieruszowa, Rzgowa
             i Sieradza, a na koniec dyskusja o przyszłości mikrograntów.""",
            ),
        ],
    },
    "mikrogranty-wyniki-badan": {
        "title": "2.Wyniki_badań_mikrogranty",
        "file": "mikrogranty-wyniki-badan.pdf",
        "published_on": MIKROGRANTY_SLIDES_DATE,
        "slides": [
            (
                "Co chcieliśmy sprawdzić?",
                """Jak mikrogranty wpływają na rozwój aktywności lokalnej – z perspektywy grup
             nieformalnych, które z nich korzystają.""",
            ),
            (
                "Kto korzysta z mikrograntów?",
                """Grupy nieformalne, koła i młode organizacje, dla których mikrogrant jest często
             pierwszym doświadczeniem realizacji własnego projektu.""",
            ),
            (
                "Co zmieniają mikrogranty?",
                """Uczą planowania i rozliczania działań, wzmacniają lokalnych liderów i budują
             zaufanie między mieszkańcami a instytucjami.""",
            ),
            (
                "Bariery",
                """Obawa przed formalnościami, niepewność co do rozliczeń i brak doświadczenia
             w pisaniu wniosków. Pomaga wsparcie doradcze operatora.""",
            ),
            (
                "Więcej w raporcie",
                """Raport z badań „Wpływ mikrograntów na rozwój aktywności lokalnej – perspektywa
             udziału grup nieformalnych”.""",
            ),
        ],
    },
    "mikrogranty-fio-regranting": {
        "title": "3. FIO Regranting",
        "file": "mikrogranty-fio-regranting.pdf",
        "published_on": MIKROGRANTY_SLIDES_DATE,
        "slides": [
            (
                "Czym jest regranting?",
                """Operator – najczęściej organizacja pozarządowa – otrzymuje środki z programu
             i przekazuje je dalej jako mikrogranty na lokalne inicjatywy.""",
            ),
            (
                "Rola operatora",
                """Ogłasza nabór, pomaga przygotować wnioski, prowadzi ocenę, wspiera realizatorów
             w trakcie działań i przy rozliczeniu.""",
            ),
            (
                "Uproszczone zasady",
                """Krótki wniosek, niewielkie kwoty, szybka decyzja i proste rozliczenie. Liczy się
             pomysł i zaangażowanie, a nie doświadczenie w pisaniu projektów.""",
            ),
            (
                "Lekcja dla samorządów",
                """Model operatorski można przenieść na poziom gminy: samorząd finansuje program,
             a lokalna organizacja go prowadzi.""",
            ),
        ],
    },
    "mikrogranty-wieruszow": {
        "title": "4. Gmina Wieruszów - Mikrogranty",
        "file": "mikrogranty-wieruszow.pdf",
        "published_on": MIKROGRANTY_SLIDES_DATE,
        "slides": [
            (
                "Dlaczego mikrogranty?",
                """By wspierać mieszkańców i grupy, które chcą działać lokalnie, ale nie mają
             doświadczenia w ubieganiu się o dotacje.""",
            ),
            (
                "Przygotowanie programu",
                """Regulamin, formularz wniosku, komisja i harmonogram – tak przygotowane, by
             formalności nie zniechęcały początkujących.""",
            ),
            (
                "Wsparcie dla realizatorów",
                """Konsultacje przed złożeniem wniosku i pomoc przy rozliczeniu: więcej dobrych
             pomysłów, mniej błędów.""",
            ),
            (
                "Wnioski na przyszłość",
                """Program warto co roku oceniać razem z uczestnikami i poprawiać zasady na
             podstawie ich doświadczeń.""",
            ),
        ],
    },
    "mikrogranty-rzgow": {
        "title": "5. Gmina Rzgów_mikrogranty",
        "file": "mikrogranty-rzgow.pdf",
        "published_on": MIKROGRANTY_SLIDES_DATE,
        "slides": [
            (
                "Mikrogranty w małej gminie",
                """W niewielkiej społeczności nawet mała kwota pozwala zorganizować wydarzenie,
             warsztaty czy wspólne porządkowanie przestrzeni.""",
            ),
            (
                "Kto może złożyć wniosek?",
                """Grupy nieformalne, organizacje pozarządowe i koła działające na terenie
             gminy.""",
            ),
            (
                "Promocja naboru",
                """Informacja w sołectwach, szkołach i mediach społecznościowych oraz spotkania
             informacyjne dla mieszkańców.""",
            ),
        ],
    },
    "mikrogranty-sieradz": {
        "title": "6. Sieradz_mikrogranty",
        "file": "mikrogranty-sieradz.pdf",
        "published_on": MIKROGRANTY_SLIDES_DATE,
        "slides": [
            (
                "Lokalny program mikrograntów",
                """Miasto prowadzi własny program wspierania inicjatyw mieszkańców, uzupełniający
             otwarte konkursy ofert.""",
            ),
            (
                "Zasady w pigułce",
                """Proste kryteria, jasny harmonogram naboru i niewielkie kwoty na działania
             realizowane w krótkim czasie.""",
            ),
            (
                "Mikrogranty w czasie pandemii",
                """Działania można przenieść do sieci albo zaplanować w małych grupach, na świeżym
             powietrzu. Elastyczne zasady pomagają utrzymać aktywność.""",
            ),
            (
                "Kierunki rozwoju",
                """Stały, coroczny nabór, wsparcie lokalnych liderów i łączenie mikrograntów
             z innymi narzędziami partycypacji.""",
            ),
        ],
    },
    "fundusz-prezentacja-zalozen": {
        "title": "Fundusz Sąsiedzki_prezentacja założeń",
        "file": "fundusz-sasiedzki-prezentacja-zalozen.pdf",
        "published_on": date(2021, 11, 2),
        "slides": [
            (
                "Po co fundusz sąsiedzki?",
                """Wielu mieszkańców chce działać lokalnie, ale nie w formie organizacji
             pozarządowej. Fundusz daje im proste wsparcie na działania w sąsiedztwie.""",
            ),
            (
                "Założenie",
                """Niewielkie środki trafiają bezpośrednio do mieszkańców, którzy sami realizują
             akcyjne, sąsiedzkie działania – bez zbędnych formalności.""",
            ),
            (
                "Dla kogo?",
                """Narzędzie jest przeznaczone przede wszystkim dla gmin i miast na prawach
             powiatu.""",
            ),
            (
                "Uzupełnienie katalogu narzędzi",
                """Fundusz sąsiedzki uzupełnia budżet obywatelski, inicjatywę lokalną, mikrogranty
             i fundusz sołecki.""",
            ),
        ],
    },
    "fundusz-sasiedzki": {
        "title": "Fundusz_Sąsiedzki",
        "file": "fundusz-sasiedzki.pdf",
        "published_on": date(2021, 11, 5),
        "slides": [
            (
                "Koncepcja funduszu sąsiedzkiego",
                """Rekomendacje merytoryczne i rozwiązania prawne, które pozwalają wdrożyć fundusz
             przy obecnych przepisach, oraz propozycje nowych regulacji.""",
            ),
            (
                "Zespół roboczy",
                """Urząd Miasta Łodzi, Fundacja Rozwoju Demokracji Lokalnej, Centrum OPUS, Fundacja
             Stocznia oraz niezależni eksperci – sześć osób.""",
            ),
            (
                "Jakie działania wspiera fundusz?",
                """Akcyjne i sąsiedzkie, angażujące wspólnotę lokalną: wspólne porządki, spotkania
             sąsiadów, drobne działania w przestrzeni osiedla lub wsi.""",
            ),
            (
                "Prosta ścieżka dla mieszkańców",
                """Pomysł, krótki wniosek, szybka decyzja, realizacja i proste rozliczenie – tak, by
             mieszkańcy mogli skupić się na działaniu.""",
            ),
            (
                "Podstawy prawne",
                """Jak wdrożyć fundusz w obecnym stanie prawnym i jakie nowe regulacje ułatwiłyby
             jego upowszechnienie.""",
            ),
        ],
    },
    "mikrozakupy-lokalne": {
        "title": "Mikrozakupy_Lokalne",
        "file": "mikrozakupy-lokalne.pdf",
        "published_on": date(2021, 11, 2),
        "slides": [
            (
                "Dlaczego nie tylko dotacje?",
                """Procedury dotacyjne z ustawy o działalności pożytku publicznego i o wolontariacie
             bywają zbyt skomplikowane dla małych działań lokalnych.""",
            ),
            (
                "Czym są mikrozakupy lokalne?",
                """Samorząd zamawia drobne usługi u lokalnych organizacji w uproszczonym trybie,
             na zasadach określonych w wewnętrznym zarządzeniu.""",
            ),
            (
                "Co reguluje zarządzenie?",
                """Jakie usługi można zamawiać, do jakiej kwoty, kto przygotowuje zapytanie i jak
             dokumentuje się wybór wykonawcy.""",
            ),
            (
                "Korzyści",
                """Krótszy czas od pomysłu do realizacji, mniej dokumentów i jasne zasady dla obu
             stron.""",
            ),
        ],
    },
    "mikrogranty-oferta": {
        "title": "Mikrogranty_oferta_budowy_programu",
        "file": "mikrogranty-oferta-budowy-programu.pdf",
        "published_on": date(2021, 11, 2),
        "slides": [
            (
                "Program mikrograntów w gminie",
                """Wsparcie dla samorządów, które chcą zaprojektować lub rozwinąć lokalny program
             mikrograntów.""",
            ),
            (
                "Etapy budowy programu",
                """Diagnoza potrzeb, wybór modelu (samodzielnie lub przez operatora), regulamin,
             nabór, ocena, realizacja i ewaluacja.""",
            ),
            (
                "Co ustalić na początku?",
                """Cele programu, budżet, wysokość mikrograntów, krąg uprawnionych wnioskodawców
             i zasady rozliczania.""",
            ),
        ],
    },
    "inkubator": {
        "title": "Inkubator Działalności Społecznej",
        "file": "inkubator-dzialalnosci-spolecznej.pdf",
        "published_on": date(2021, 9, 29),
        "slides": [
            (
                "Czym jest inkubator?",
                """Program wsparcia dla osób i grup, które chcą rozpocząć działalność społeczną:
             doradztwo, szkolenia, przestrzeń i pomoc w formalnościach.""",
            ),
            (
                "Działanie pod parasolem",
                """Grupa może działać w ramach inkubatora, korzystając z jego osobowości prawnej
             i obsługi księgowej, zanim założy własną organizację.""",
            ),
            (
                "Modele współpracy",
                """Franczyza społeczna i licencja partnerska pozwalają przenosić sprawdzone
             rozwiązania do kolejnych miejscowości.""",
            ),
            (
                "Rola samorządu",
                """Samorząd może współfinansować inkubator, udostępnić lokal i włączyć go w lokalny
             system wspierania aktywności mieszkańców.""",
            ),
        ],
    },
    "kuzma-cams": {
        "title": "I. Kuźma - Wprowadzenie do projektu CAMS",
        "file": "kuzma-wprowadzenie-do-projektu-cams.pdf",
        "published_on": SEMINAR_SLIDES_DATE,
        "slides": [
            (
                "Centrum Analiz i Modeli Społecznych",
                """Wspólny think tank Centrum OPUS i Uniwersytetu Łódzkiego, tworzony w projekcie
             realizowanym od 1 lipca 2020 r. do 31 grudnia 2021 r.""",
            ),
            (
                "Główne zadania projektu",
                """Narzędzie do badań lokalnych oparte na otwartym oprogramowaniu, baza modeli
             i analiz oraz model wspierania oddolnej aktywności mieszkańców.""",
            ),
            (
                "Baza analiz i modeli społecznych",
                """Aktywność obywatelska, partycypacja społeczna i współpraca międzysektorowa –
             promowane w 50 środowiskach.""",
            ),
            (
                "E-edukacja",
                """Rozwój instytucjonalny CAMS dzięki narzędziom e-edukacji w ramach działań
             badawczych i doradczych.""",
            ),
        ],
    },
    "zajda-innowacje": {
        "title": "K. Zajda - Jak powstają innowacje społeczne",
        "file": "zajda-jak-powstaja-innowacje-spoleczne.pdf",
        "published_on": SEMINAR_SLIDES_DATE,
        "slides": [
            (
                "Innowacje społeczne na wsi",
                """Nowe sposoby rozwiązywania problemów społecznych, które powstają
             w społecznościach wiejskich.""",
            ),
            (
                "Od problemu do rozwiązania",
                """Innowacja często zaczyna się od lokalnego problemu, na który nie odpowiadają
             standardowe usługi publiczne.""",
            ),
            (
                "Nietypowe rozwiązania",
                """Łączenie zasobów, lokalna wiedza i tradycja oraz gotowość do
             eksperymentowania.""",
            ),
        ],
    },
    "murawska-dobro-wspolne": {
        "title": "A. Murawska - Dobro wspólne",
        "file": "murawska-dobro-wspolne.pdf",
        "published_on": SEMINAR_SLIDES_DATE,
        "slides": [
            (
                "Dobro wspólne jako idea",
                """Zasoby i wartości, z których korzysta cała społeczność i za które wspólnie
             odpowiada.""",
            ),
            (
                "Dobro wspólne jako praktyka",
                """Troska przybiera postać konkretnych działań: dbania o przestrzeń, wspólnych
             inicjatyw, udziału w decyzjach lokalnych.""",
            ),
            (
                "Pytania do dyskusji",
                """Co sprzyja obywatelskiej trosce o dobro wspólne? Jak instytucje mogą ją
             wspierać, a nie zastępować?""",
            ),
        ],
    },
    "krok-po-kroku": {
        "title": "Krok po kroku",
        "file": "narzedziownik-krok-po-kroku.pdf",
        "published_on": None,
        "slides": [
            (
                "Po co badać mieszkańców?",
                """Badanie pomaga poznać potrzeby i aktywność mieszkańców, zanim zaplanujemy
             działania lub program wsparcia.""",
            ),
            (
                "Kroki 1–2: cel i pytania",
                """Określ, czego i po co chcesz się dowiedzieć. Sformułuj pytania badawcze
             i zdecyduj, kogo badanie ma objąć.""",
            ),
            (
                "Kroki 3–4: metoda i narzędzie",
                """Wybierz metodę – ankietę, wywiady, spacer badawczy – i przygotuj narzędzie:
             kwestionariusz lub scenariusz rozmowy.""",
            ),
            (
                "Kroki 5–6: realizacja i wnioski",
                """Zbierz dane, opracuj wyniki, sformułuj rekomendacje i podziel się nimi
             z mieszkańcami.""",
            ),
        ],
    },
    "narzedziownik": {
        "title": "Narzędziownik",
        "file": "narzedziownik.pdf",
        "published_on": None,
        "slides": [
            (
                "Etapy planowania badania",
                """Diagnoza sytuacji, cele, pytania badawcze, dobór uczestników, metody
             i narzędzia, harmonogram, analiza i raport.""",
            ),
            (
                "Dobór uczestników",
                """Kogo pytamy i ile osób potrzebujemy? Jak dotrzeć do grup, które rzadko biorą
             udział w konsultacjach?""",
            ),
            (
                "Ilościowo i jakościowo",
                """Ankieta pokazuje skalę zjawisk, a wywiady i warsztaty pomagają zrozumieć ich
             przyczyny. Najlepiej łączyć obie metody.""",
            ),
            (
                "Etyka i ochrona danych",
                """Dobrowolny udział, anonimowość odpowiedzi, jasna informacja o celu badania
             i bezpieczne przechowywanie danych.""",
            ),
            (
                "Od wyników do działań",
                """Raport kończy się rekomendacjami, a wyniki wracają do mieszkańców
             i decydentów.""",
            ),
        ],
    },
    "plany-badan": {
        "title": "Przykładowe plany badań",
        "file": "narzedziownik-przykladowe-plany-badan.pdf",
        "published_on": None,
        "slides": [
            (
                "Jak czytać przykładowy plan?",
                """Każdy plan zawiera cel, pytania badawcze, metodę, grupę badanych, harmonogram
             i sposób wykorzystania wyników.""",
            ),
            (
                "Przykład 1: potrzeby sąsiedzkie",
                """Ankieta wśród mieszkańców osiedla o potrzebach i gotowości do wspólnych
             działań.""",
            ),
            (
                "Przykład 2: aktywność organizacji",
                """Wywiady z liderami lokalnych organizacji i grup nieformalnych o barierach we
             współpracy z samorządem.""",
            ),
            (
                "Przykład 3: ocena programu",
                """Badanie uczestników programu mikrograntów: co się udało, co utrudniało
             działanie, co zmienić w regulaminie.""",
            ),
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Webinars and seminars. Only two YouTube ids are known; the other events get no recording
# part until the recordings are added.
# --------------------------------------------------------------------------------------------

WEBINARS = [
    {
        "key": "mikrogranty",
        "slug": "mikrogranty-jako-narzedzie-budowania-aktywnosci-spolecznej",
        "title": "Mikrogranty jako narzędzie budowania aktywności społecznej",
        "kind": "webinar",
        # Only the publication date of the materials is known.
        "date": date(2021, 4, 30),
        "topic_area": AKTYWNOSC,
        "speakers": ["Zespół Centrum OPUS", "Gmina Wieruszów", "Gmina Rzgów", "Sieradz"],
        "summary": """<p>Webinarium poświęcone narzędziom budowania aktywności lokalnej
        mieszkańców, grup nieformalnych i lokalnych organizacji pozarządowych. Rozmawialiśmy
        o mikrograntach – narzędziu rozwijanym w Polsce od kilku lat, głównie w oparciu
        o program Fundusz Inicjatyw Obywatelskich, ale coraz częściej także przez same
        samorządy.</p>
        <p>Szukaliśmy odpowiedzi na pytania:</p>
        <ul><li>dlaczego i jak samorządy lokalne rozwijają programy mikrograntowe?</li>
        <li>jak mikrogranty wpływają na aktywność lokalną?</li>
        <li>na ile mikrogranty mogą wspierać aktywność lokalną w czasie pandemii?</li>
        <li>jakie mogą być kierunki rozwoju tego narzędzia?</li></ul>
        <p>Uzupełnieniem webinarium jest raport z badań „Wpływ mikrograntów na rozwój
        aktywności lokalnej – perspektywa udziału grup nieformalnych” (10.05.2021) oraz
        materiał „Lokalny program mikrograntów - Sieradz 2021” (27.11.2021).</p>""",
        "recordings": [
            {
                "title": "Nagranie webinarium",
                "video_url": "https://www.youtube.com/watch?v=gKEAfWSmGTY",
                "duration": "1:45:00",
                "chapters": [
                    ("0:00", "Powitanie i wprowadzenie"),
                    ("16:00", "Wyniki badań: mikrogranty a aktywność lokalna"),
                    ("35:00", "Regranting w programie FIO"),
                    ("48:00", "Doświadczenia Gminy Wieruszów"),
                    ("1:03:00", "Doświadczenia Gminy Rzgów"),
                    ("1:17:00", "Mikrogranty w Sieradzu"),
                    ("1:31:00", "Dyskusja: pandemia i kierunki rozwoju mikrograntów"),
                ],
            }
        ],
        "decks": [
            "mikrogranty-wprowadzenie",
            "mikrogranty-wyniki-badan",
            "mikrogranty-fio-regranting",
            "mikrogranty-wieruszow",
            "mikrogranty-rzgow",
            "mikrogranty-sieradz",
        ],
    },
    {
        "key": "fundusz",
        "slug": "fundusz-sasiedzki-jak-wspierac-mieszkancow",
        "title": "Fundusz sąsiedzki – jak wspierać mieszkańców w działaniach sąsiedzkich",
        "kind": "meeting",
        # The date the fund's document was published with the recording.
        "date": date(2021, 11, 5),
        "topic_area": PARTYCYPACJA,
        "speakers": ["Zespół Centrum OPUS"],
        "summary": """<p>Zapis spotkania o funduszu sąsiedzkim – narzędziu, które ma umożliwić
        przekazywanie niewielkich środków bezpośrednio mieszkańcom na samodzielne działania
        w przestrzeni sąsiedzkiej. Fundusz jest skierowany przede wszystkim do gmin i miast na
        prawach powiatu.</p>
        <p>To odpowiedź na potrzeby mieszkańców, którzy chcą działać lokalnie, ale niekoniecznie
        w formie organizacji pozarządowej. Fundusz ma umożliwić działania akcyjne i sąsiedzkie,
        angażujące wspólnotę lokalną, bez zbędnych formalności, oraz uzupełnić dotychczasowe
        narzędzia wspierania partycypacji: budżet obywatelski, inicjatywę lokalną, mikrogranty
        i fundusz sołecki.</p>
        <p>Koncepcję wraz z rekomendacjami merytorycznymi i rozwiązaniami prawnymi opracował
        zespół roboczy: Katarzyna Dyzio (Biuro Aktywności Miejskiej Urzędu Miasta Łodzi), Artur
        Gluziński (Fundacja Rozwoju Demokracji Lokalnej), Katarzyna Książczak (Centrum OPUS),
        Tomasz Schimanek, Jakub Wygnański (Fundacja Stocznia) i Łukasz Waszak (Centrum
        OPUS).</p>""",
        "recordings": [
            {
                "title": "Zapis spotkania",
                "video_url": "https://www.youtube.com/watch?v=3cNQCPQ_n9U",
                "duration": "1:30:00",
                "chapters": [
                    ("0:00", "Powitanie i cel spotkania"),
                    ("5:00", "Skąd pomysł na fundusz sąsiedzki"),
                    ("25:00", "Jak działa fundusz: założenia modelu"),
                    ("45:00", "Podstawy prawne i propozycje regulacji"),
                    ("1:05:00", "Fundusz wśród innych narzędzi partycypacji"),
                    ("1:15:00", "Pytania i dyskusja"),
                ],
            }
        ],
        "decks": ["fundusz-prezentacja-zalozen", "fundusz-sasiedzki"],
    },
    {
        "key": "jak-nie-dotacje",
        "slug": "jak-nie-dotacje-to-co",
        "title": "Jak nie dotacje to co...?",
        "kind": "seminar",
        # The cycle's materials were published from 29.09 to 25.11.2021.
        "date": date(2021, 9, 29),
        "topic_area": WSPOLPRACA,
        "speakers": ["Zespół Centrum OPUS"],
        "summary": """<p>Dominującą formą współpracy finansowej samorządów z lokalnymi
        podmiotami są dotacje udzielane w trybie ustawy o działalności pożytku publicznego
        i o wolontariacie. Ponad osiemnaście lat doświadczeń pokazuje, że ta forma finansowania
        działań lokalnych jest skomplikowana, nadmiernie rozbudowana i rodzi wiele problemów
        formalnych przy składaniu i rozliczaniu ofert.</p>
        <p>W cyklu spotkań „Jak nie dotacje to co...?” rozmawiamy o innych rozwiązaniach
        prawnych, które mogą ułatwić działalność społeczną – zwłaszcza o formach umożliwiających
        mikrowsparcia dla organizacji pozarządowych i mieszkańców:</p>
        <ul><li>mikrozakupach usług lokalnych,</li><li>funduszu sąsiedzkim,</li>
        <li>mikrograntach,</li><li>Inkubatorze Działalności Społecznej.</li></ul>
        <p>Materiały publikowaliśmy od 29 września do 25 listopada 2021 r. Punktem wyjścia było
        badanie współpracy finansowej samorządów z organizacjami pozarządowymi, przeprowadzone
        w maju i czerwcu 2021 r. Zapis seminarium zostanie wkrótce dodany na platformie.</p>""",
        "recordings": [],
        "decks": [
            "mikrozakupy-lokalne",
            "fundusz-prezentacja-zalozen",
            "mikrogranty-oferta",
            "inkubator",
        ],
    },
    {
        "key": "dzialania-obywatelskie",
        "slug": "dzialania-obywatelskie-praktyka-nowe-rozwiazania-i-badania-spoleczne",
        "title": "Działania obywatelskie - praktyka, nowe rozwiązania i badania społeczne",
        "kind": "seminar",
        "date": date(2021, 11, 4),
        "topic_area": AKTYWNOSC,
        "speakers": [
            "Inga B. Kuźma",
            "Katarzyna Zajda",
            "Agnieszka Murawska",
            "Łukasz Waszak",
            "Paweł Starosta",
        ],
        "summary": """<p>4 listopada 2021 r. Centrum OPUS w Łodzi, Centrum Innowacji
        Społecznych UŁ oraz Oddział Łódzki Polskiego Towarzystwa Socjologicznego zorganizowały
        seminarium o działaniach obywatelskich: praktyce, nowych rozwiązaniach i badaniach
        społecznych.</p>
        <p>Program:</p>
        <ul><li>Inga B. Kuźma (Centrum Innowacji Społecznych UŁ) – wprowadzenie do założeń
        projektu „Centrum Analiz i Modeli Społecznych” Centrum OPUS w Łodzi i Centrum Innowacji
        Społecznych UŁ;</li>
        <li>Katarzyna Zajda (Katedra Socjologii Wsi i Miasta, IS UŁ) – Jak powstają innowacje
        społeczne na wsi? Problemy społeczne i ich nietypowe rozwiązywanie;</li>
        <li>Agnieszka Murawska (Katedra Socjologii Wsi i Miasta, IS UŁ) – Obywatelska troska
        o dobro wspólne jako idea i praktyka społeczna;</li>
        <li>Łukasz Waszak (Centrum OPUS w Łodzi) – Jak wspierać aktywność mieszkańców – model
        funduszu sąsiedzkiego.</li></ul>
        <p>Dyskusję prowadził prof. dr hab. Paweł Starosta (Katedra Socjologii Wsi i Miasta,
        IS UŁ).</p>
        <p>Seminarium nagrano w trzech częściach. Nagranie zostanie wkrótce dodane na
        platformie; już teraz można pobrać slajdy trzech wystąpień.</p>""",
        "recordings": [],
        "decks": ["kuzma-cams", "zajda-innowacje", "murawska-dobro-wspolne"],
    },
]

# --------------------------------------------------------------------------------------------
# Courses and lessons. In a lesson body, a video segment names its recording as
# (webinar key, part index) and a slides block names its deck by key; timecodes are
# (slide number, time in the recording).
# --------------------------------------------------------------------------------------------


def _video(recording, start, end, title=""):
    return ("video_segment", {"recording": recording, "start": start, "end": end, "title": title})


def _slides(deck, timecodes=()):
    return ("slides", {"deck": deck, "timecodes": list(timecodes)})


def _callout(kind, title, text):
    return ("callout", {"kind": kind, "title": title, "text": text})


MIKROGRANTY = ("mikrogranty", 0)
FUNDUSZ = ("fundusz", 0)

COURSES = [
    {
        "slug": "mikrogranty-w-gminie",
        "title": "Mikrogranty w gminie",
        "topic_area": AKTYWNOSC,
        "level": "beginner",
        "summary": """Jak zaprojektować i prowadzić lokalny program mikrograntów, który wspiera
        mieszkańców i grupy nieformalne. Na podstawie webinarium Centrum OPUS i doświadczeń
        trzech samorządów.""",
        "learning_outcomes": [
            "Wyjaśnisz, czym są mikrogranty i czym różnią się od klasycznych dotacji.",
            "Opiszesz, jak mikrogranty wpływają na aktywność grup nieformalnych.",
            "Przedstawisz model regrantingu stosowany w programie Fundusz Inicjatyw Obywatelskich.",
            "Porównasz rozwiązania przyjęte w Wieruszowie, Rzgowie i Sieradzu.",
            "Zaplanujesz pierwsze kroki programu mikrograntów w swojej gminie.",
        ],
        "description": """<p>Kurs powstał na podstawie webinarium „Mikrogranty jako narzędzie
        budowania aktywności społecznej”. Każda lekcja to fragment nagrania, slajdy, które
        zmieniają się razem z nim, krótkie omówienie i zadanie do wykonania we własnej
        gminie.</p>
        <h3>Dla kogo?</h3>
        <p>Dla pracowników urzędów gmin i miast, radnych, organizacji pozarządowych i lokalnych
        liderów, którzy chcą uruchomić lub ulepszyć program mikrograntów.</p>
        <h3>Jak się uczyć?</h3>
        <p>Lekcje warto przechodzić po kolei. Pod każdym nagraniem znajdziesz jego tekstowe
        streszczenie, a przy slajdach – ich tekst do rozwinięcia.</p>""",
        "lessons": [
            {
                "slug": "czym-sa-mikrogranty",
                "title": "Czym są mikrogranty?",
                "intro": """Poznaj narzędzie, które pozwala mieszkańcom zacząć działać bez
                rozbudowanych procedur, i pytania, wokół których zbudowany jest kurs.""",
                "reading_minutes": 5,
                "body": [
                    (
                        "text",
                        """<p>Mikrogranty to niewielkie kwoty przyznawane w uproszczonym
                    trybie mieszkańcom, grupom nieformalnym i młodym organizacjom na ich własne
                    pomysły. W Polsce narzędzie rozwijało się głównie dzięki programowi Fundusz
                    Inicjatyw Obywatelskich, a coraz częściej sięgają po nie same
                    samorządy.</p>
                    <p>Obejrzyj wprowadzenie do webinarium. Slajdy pod nagraniem zmieniają się
                    razem z nim, a kliknięcie slajdu przenosi do miejsca, w którym jest
                    omawiany.</p>""",
                    ),
                    _video(MIKROGRANTY, "0:00", "16:00", "Wprowadzenie do webinarium"),
                    _slides(
                        "mikrogranty-wprowadzenie",
                        [(1, "0:00"), (2, "2:00"), (3, "5:30"), (4, "9:30"), (5, "13:30")],
                    ),
                    ("heading", "Najważniejsze pojęcia"),
                    (
                        "text",
                        """<ul><li><b>Mikrogrant</b> – niewielkie wsparcie finansowe na
                    konkretne, krótkie działanie, przyznawane na podstawie prostego
                    wniosku.</li>
                    <li><b>Grupa nieformalna</b> – kilka osób, które chcą działać razem, ale nie
                    tworzą organizacji z osobowością prawną.</li>
                    <li><b>Operator</b> – instytucja lub organizacja, która prowadzi nabór,
                    doradza wnioskodawcom i rozlicza mikrogranty.</li></ul>""",
                    ),
                    _callout(
                        "tip",
                        "Zadanie na start",
                        """<p>Wypisz formy wspierania inicjatyw
                    mieszkańców, które działają już w Twojej gminie, np. otwarte konkursy ofert,
                    inicjatywę lokalną czy fundusz sołecki. Wrócisz do tej listy w ostatniej
                    lekcji.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 0:00–16:00.</i></p>
                <p>Prowadzący witają uczestników i przedstawiają cel spotkania: rozmowę
                o narzędziach budowania aktywności lokalnej mieszkańców, grup nieformalnych
                i lokalnych organizacji pozarządowych. Wyjaśniają, czym są mikrogranty i skąd
                wzięła się ich popularność – najpierw w programie Fundusz Inicjatyw
                Obywatelskich, a potem w programach prowadzonych przez samorządy.</p>
                <p>Następnie przedstawiają cztery pytania webinarium: dlaczego i jak samorządy
                rozwijają programy mikrograntowe, jak mikrogranty wpływają na aktywność
                lokalną, czy mogą ją wspierać w czasie pandemii i w jakim kierunku może się
                rozwijać to narzędzie. Na koniec omawiają plan spotkania.</p>""",
            },
            {
                "slug": "co-mowia-badania",
                "title": "Co mówią badania o mikrograntach",
                "intro": """Jak mikrogranty wpływają na aktywność lokalną z perspektywy grup
                nieformalnych – najważniejsze wnioski z badań.""",
                "reading_minutes": 6,
                "body": [
                    (
                        "text",
                        """<p>Dla wielu grup mikrogrant jest pierwszym doświadczeniem
                    realizacji własnego projektu. Badanie przedstawione podczas webinarium
                    pokazuje, co to doświadczenie zmienia w samych grupach i w ich
                    otoczeniu.</p>""",
                    ),
                    _video(MIKROGRANTY, "16:00", "35:00", "Wyniki badań"),
                    _slides(
                        "mikrogranty-wyniki-badan",
                        [(1, "16:00"), (2, "17:00"), (3, "20:30"), (4, "25:00"), (5, "29:30"), (6, "33:00")],
                    ),
                    _callout(
                        "info",
                        "Raport z badań",
                        """<p>Pełne wyniki zawiera raport
                    „Wpływ mikrograntów na rozwój aktywności lokalnej – perspektywa udziału grup
                    nieformalnych”, opublikowany 10 maja 2021 r.</p>""",
                    ),
                    ("heading", "Pytania do refleksji"),
                    (
                        "text",
                        """<ol><li>Które grupy w Twojej gminie nie korzystają dziś
                    z żadnego wsparcia?</li><li>Co mogłoby je zniechęcać do złożenia
                    wniosku?</li><li>Jakie wsparcie doradcze mogłaby zaoferować gmina lub
                    operator?</li></ol>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 16:00–35:00.</i></p>
                <p>Ta część webinarium przedstawia wyniki badań nad wpływem mikrograntów na
                aktywność lokalną, prowadzonych z perspektywy grup nieformalnych. Omówiono, kto
                korzysta z mikrograntów, co zmienia realizacja pierwszego projektu – umiejętność
                planowania i rozliczania działań, pozycję lokalnych liderów, zaufanie do
                instytucji – oraz jakie bariery zniechęcają do składania wniosków.</p>
                <p>Wśród barier wymieniono obawę przed formalnościami, niepewność co do
                rozliczeń i brak doświadczenia w pisaniu wniosków. Jako odpowiedź wskazano
                wsparcie doradcze operatora programu.</p>""",
            },
            {
                "slug": "regranting-w-programie-fio",
                "title": "Regranting w programie FIO",
                "intro": """Jak działa model operatorski, w którym organizacja przekazuje środki
                dalej jako mikrogranty, i co mogą z niego przejąć samorządy.""",
                "reading_minutes": 5,
                "body": [
                    (
                        "text",
                        """<p>Regranting to przekazywanie dalej środków otrzymanych
                    z programu grantowego. W programie Fundusz Inicjatyw Obywatelskich operatorzy
                    prowadzą nabory mikrograntów dla grup i młodych organizacji w swoim
                    regionie.</p>""",
                    ),
                    _video(MIKROGRANTY, "35:00", "48:00", "Regranting w programie FIO"),
                    _slides(
                        "mikrogranty-fio-regranting",
                        [(1, "35:00"), (2, "36:00"), (3, "39:00"), (4, "42:30"), (5, "45:30")],
                    ),
                    _callout(
                        "tip",
                        "Model do przeniesienia",
                        """<p>Samorząd nie musi sam
                    prowadzić naboru. Może sfinansować program, a jego obsługę powierzyć lokalnej
                    organizacji, która zna środowisko i ma doświadczenie w doradztwie.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 35:00–48:00.</i></p>
                <p>Omówienie regrantingu w programie Fundusz Inicjatyw Obywatelskich. Operator –
                zwykle organizacja pozarządowa – ogłasza nabór, pomaga przygotować wnioski,
                prowadzi ocenę i wspiera realizatorów aż do rozliczenia. Zasady są uproszczone:
                krótki wniosek, niewielkie kwoty, szybka decyzja i proste rozliczenie.</p>
                <p>Na koniec wskazano, że ten model można przenieść na poziom gminy: samorząd
                finansuje program, a prowadzi go lokalna organizacja.</p>""",
            },
            {
                "slug": "doswiadczenia-gminy-wieruszow",
                "title": "Doświadczenia Gminy Wieruszów",
                "intro": """Jak przygotować program mikrograntów tak, by formalności nie
                zniechęcały początkujących.""",
                "reading_minutes": 5,
                "body": [
                    (
                        "text",
                        """<p>Pierwsza z trzech prezentacji samorządów. Zwróć uwagę, jak
                    przygotowanie programu – regulamin, formularz, komisja i harmonogram – wpływa
                    na to, kto składa wnioski.</p>""",
                    ),
                    _video(MIKROGRANTY, "48:00", "1:03:00", "Gmina Wieruszów"),
                    _slides(
                        "mikrogranty-wieruszow",
                        [(1, "48:00"), (2, "49:00"), (3, "52:30"), (4, "56:30"), (5, "1:00:00")],
                    ),
                    _callout(
                        "warning",
                        "Uważaj na formalności",
                        """<p>Każdy dodatkowy załącznik
                    zmniejsza szansę, że wniosek złoży grupa bez doświadczenia. Sprawdź, czy
                    wszystkie wymagane dokumenty są naprawdę potrzebne.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 48:00–1:03:00.</i></p>
                <p>Prezentacja Gminy Wieruszów: dlaczego gmina sięgnęła po mikrogranty, jak
                przygotowano program – regulamin, formularz wniosku, komisję i harmonogram –
                oraz jakie wsparcie otrzymują realizatorzy przed złożeniem wniosku i przy
                rozliczeniu. Na koniec wnioski na przyszłość: program warto co roku oceniać
                razem z uczestnikami.</p>""",
            },
            {
                "slug": "doswiadczenia-gminy-rzgow",
                "title": "Doświadczenia Gminy Rzgów",
                "intro": """Mikrogranty w mniejszej gminie: kto może złożyć wniosek i jak
                dotrzeć z informacją o naborze do mieszkańców.""",
                "reading_minutes": 4,
                "body": [
                    (
                        "text",
                        """<p>W mniejszej społeczności nawet niewielka kwota pozwala
                    zorganizować wydarzenie, warsztaty czy wspólne porządkowanie przestrzeni.
                    Kluczowe jest dotarcie z informacją do osób, które dotąd nie działały.</p>""",
                    ),
                    _video(MIKROGRANTY, "1:03:00", "1:17:00", "Gmina Rzgów"),
                    _slides(
                        "mikrogranty-rzgow", [(1, "1:03:00"), (2, "1:04:00"), (3, "1:08:00"), (4, "1:12:30")]
                    ),
                    _callout(
                        "tip",
                        "Promocja naboru",
                        """<p>Informacja o naborze powinna
                    trafić tam, gdzie bywają mieszkańcy: do sołectw, szkół, bibliotek i mediów
                    społecznościowych. Spotkanie informacyjne pozwala od razu odpowiedzieć na
                    pytania.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 1:03:00–1:17:00.</i></p>
                <p>Prezentacja Gminy Rzgów o mikrograntach w mniejszej gminie: jakie działania
                można zrealizować za niewielkie kwoty, kto może złożyć wniosek – grupy
                nieformalne, organizacje pozarządowe i koła – oraz jak promować
                nabór w sołectwach, szkołach i w mediach społecznościowych.</p>""",
            },
            {
                "slug": "sieradz-i-przyszlosc-mikrograntow",
                "title": "Sieradz i przyszłość mikrograntów",
                "intro": """Lokalny program mikrograntów w mieście, mikrogranty w czasie
                pandemii i kierunki rozwoju narzędzia.""",
                "reading_minutes": 6,
                "body": [
                    (
                        "text",
                        """<p>Ostatnia lekcja łączy prezentację Sieradza z dyskusją
                    kończącą webinarium: jak mikrogranty sprawdziły się w czasie pandemii i jak
                    można je dalej rozwijać.</p>""",
                    ),
                    _video(MIKROGRANTY, "1:17:00", "1:45:00", "Sieradz i dyskusja"),
                    _slides(
                        "mikrogranty-sieradz",
                        [(1, "1:17:00"), (2, "1:18:00"), (3, "1:22:00"), (4, "1:31:00"), (5, "1:38:00")],
                    ),
                    _callout(
                        "tip",
                        "Twój plan",
                        """<p>Wróć do listy z pierwszej lekcji.
                    Zaznacz, gdzie mikrogranty mogłyby uzupełnić istniejące narzędzia, i zapisz
                    trzy pierwsze kroki: kto przygotuje regulamin, skąd będą środki i kto
                    poprowadzi nabór.</p>""",
                    ),
                    (
                        "text",
                        """<p>Przykład dokumentu programu znajdziesz w materiale „Lokalny
                    program mikrograntów - Sieradz 2021”.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 1:17:00–1:45:00.</i></p>
                <p>Prezentacja lokalnego programu mikrograntów Sieradza, który uzupełnia otwarte
                konkursy ofert: proste kryteria, jasny harmonogram naboru i niewielkie kwoty na
                krótkie działania.</p>
                <p>W dyskusji uczestnicy rozmawiali o mikrograntach w czasie pandemii –
                przenoszeniu działań do sieci, pracy w małych grupach na świeżym powietrzu,
                elastycznych zasadach – oraz o kierunkach rozwoju: stałym naborze, wspieraniu
                lokalnych liderów i łączeniu mikrograntów z innymi narzędziami
                partycypacji.</p>""",
            },
        ],
    },
    {
        "slug": "fundusz-sasiedzki-krok-po-kroku",
        "title": "Fundusz sąsiedzki krok po kroku",
        "topic_area": PARTYCYPACJA,
        "level": "intermediate",
        "summary": """Jak przekazać mieszkańcom niewielkie środki na działania w sąsiedztwie,
        bez formalności organizacji pozarządowej. Na podstawie zapisu spotkania o funduszu
        sąsiedzkim.""",
        "learning_outcomes": [
            "Wyjaśnisz, na jaką potrzebę mieszkańców odpowiada fundusz sąsiedzki.",
            "Opiszesz ścieżkę mieszkańca: od pomysłu do rozliczenia działania.",
            "Wskażesz, jak wdrożyć fundusz przy obecnych przepisach.",
            "Umiejscowisz fundusz wśród narzędzi partycypacji: budżetu obywatelskiego, inicjatywy "
            "lokalnej, mikrograntów i funduszu sołeckiego.",
        ],
        "description": """<p>Fundusz sąsiedzki to propozycja nowego narzędzia dla gmin i miast
        na prawach powiatu: niewielkie środki trafiają bezpośrednio do mieszkańców, którzy sami
        realizują działania w swoim sąsiedztwie. Koncepcję wraz z rekomendacjami i rozwiązaniami
        prawnymi przygotował sześcioosobowy zespół roboczy, w którym pracowali przedstawiciele
        Biura Aktywności Miejskiej Urzędu Miasta Łodzi, Fundacji Rozwoju Demokracji Lokalnej,
        Centrum OPUS, Fundacji Stocznia oraz niezależni eksperci.</p>
        <h3>Dla kogo?</h3>
        <p>Dla samorządowców, którzy chcą wesprzeć aktywność mieszkańców działających poza
        organizacjami pozarządowymi, oraz dla organizacji, które mogą pomóc we wdrożeniu
        funduszu.</p>""",
        "lessons": [
            {
                "slug": "skad-pomysl-na-fundusz",
                "title": "Skąd pomysł na fundusz sąsiedzki?",
                "intro": """Na jaką potrzebę odpowiada fundusz sąsiedzki i czym różni się od
                narzędzi, które gminy już znają.""",
                "reading_minutes": 5,
                "body": [
                    (
                        "text",
                        """<p>Wielu mieszkańców chce działać lokalnie, ale nie zakłada
                    w tym celu stowarzyszenia ani fundacji. Fundusz sąsiedzki ma dać im proste
                    wsparcie na działania w najbliższym otoczeniu.</p>""",
                    ),
                    _video(FUNDUSZ, "0:00", "25:00", "Skąd pomysł na fundusz"),
                    _slides(
                        "fundusz-prezentacja-zalozen",
                        [(1, "0:00"), (2, "5:00"), (3, "10:30"), (4, "16:00"), (5, "21:00")],
                    ),
                    _callout(
                        "info",
                        "W jednym zdaniu",
                        """<p>Fundusz sąsiedzki przekazuje
                    niewielkie środki bezpośrednio mieszkańcom na akcyjne, sąsiedzkie działania –
                    bez zbędnych formalności.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 0:00–25:00.</i></p>
                <p>Po powitaniu prowadzący wyjaśniają, skąd wziął się pomysł funduszu
                sąsiedzkiego: z potrzeby wspierania mieszkańców, którzy chcą działać lokalnie,
                ale niekoniecznie w formie organizacji pozarządowej. Przedstawiają główne
                założenie – przekazywanie niewielkich środków bezpośrednio mieszkańcom – oraz
                adresatów narzędzia: gminy i miasta na prawach powiatu. Omawiają też, jak
                fundusz uzupełnia budżet obywatelski, inicjatywę lokalną, mikrogranty i fundusz
                sołecki.</p>""",
            },
            {
                "slug": "jak-dziala-fundusz",
                "title": "Jak działa fundusz: od pomysłu do działania",
                "intro": """Jakie działania wspiera fundusz i jak wygląda droga mieszkańca od
                pomysłu do rozliczenia.""",
                "reading_minutes": 6,
                "body": [
                    (
                        "text",
                        """<p>Fundusz ma wspierać działania akcyjne i sąsiedzkie, które
                    angażują wspólnotę lokalną. Ścieżka dla mieszkańców powinna być tak prosta,
                    by mogli skupić się na samym działaniu.</p>""",
                    ),
                    _video(FUNDUSZ, "25:00", "45:00", "Założenia modelu"),
                    _slides(
                        "fundusz-sasiedzki",
                        [(1, "25:00"), (2, "26:00"), (3, "29:00"), (4, "33:00"), (5, "39:00")],
                    ),
                    ("heading", "Ścieżka mieszkańca"),
                    (
                        "text",
                        """<ol><li>Pomysł na działanie w sąsiedztwie.</li><li>Krótki
                    wniosek.</li><li>Szybka decyzja.</li><li>Realizacja działania.</li>
                    <li>Proste rozliczenie.</li></ol>""",
                    ),
                    _callout(
                        "tip",
                        "Zaprojektuj z mieszkańcami",
                        """<p>Zanim przyjmiesz
                    regulamin, przejdź ścieżkę wnioskodawcy razem z kilkorgiem mieszkańców.
                    Każdy krok, na którym się zatrzymają, to miejsce do uproszczenia.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 25:00–45:00.</i></p>
                <p>Omówienie założeń modelu funduszu sąsiedzkiego: jakie działania mogą być
                wspierane – akcyjne, sąsiedzkie, angażujące wspólnotę lokalną – oraz jak
                powinna wyglądać droga mieszkańca od pomysłu, przez krótki wniosek i szybką
                decyzję, do realizacji i prostego rozliczenia. Przedstawiono też skład zespołu
                roboczego, który przygotował koncepcję.</p>""",
            },
            {
                "slug": "podstawy-prawne-funduszu",
                "title": "Podstawy prawne i miejsce wśród innych narzędzi",
                "intro": """Jak wdrożyć fundusz przy obecnych przepisach, jakie regulacje mogłyby
                to ułatwić i jak fundusz współgra z innymi narzędziami partycypacji.""",
                "reading_minutes": 6,
                "body": [
                    (
                        "text",
                        """<p>Koncepcja funduszu zawiera nie tylko rekomendacje
                    merytoryczne, ale też rozwiązania prawne: wskazuje podstawy wdrożenia
                    funduszu przy obecnych przepisach i proponuje nowe regulacje.</p>""",
                    ),
                    _video(FUNDUSZ, "45:00", "1:15:00", "Podstawy prawne"),
                    _slides("fundusz-sasiedzki", [(6, "45:00")]),
                    ("heading", "Fundusz wśród innych narzędzi"),
                    (
                        "text",
                        """<ul><li><b>Budżet obywatelski</b> – mieszkańcy głosują na
                    projekty, które realizuje samorząd.</li>
                    <li><b>Inicjatywa lokalna</b> – mieszkańcy wspólnie z samorządem realizują
                    zadanie publiczne, wnosząc pracę, świadczenia lub środki.</li>
                    <li><b>Mikrogranty</b> – niewielkie dofinansowanie działań grup
                    i organizacji.</li>
                    <li><b>Fundusz sołecki</b> – środki do dyspozycji sołectw.</li>
                    <li><b>Fundusz sąsiedzki</b> – niewielkie środki bezpośrednio dla
                    mieszkańców na działania w sąsiedztwie.</li></ul>""",
                    ),
                    _callout(
                        "warning",
                        "Skonsultuj z prawnikiem",
                        """<p>Wybór podstawy prawnej
                    zależy od sytuacji gminy. Przed wdrożeniem omów rozwiązanie z radcą prawnym
                    urzędu i skarbnikiem.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 45:00–1:15:00.</i></p>
                <p>W tej części omówiono rozwiązania prawne zawarte w koncepcji: podstawy
                wdrożenia funduszu sąsiedzkiego w obecnym stanie prawnym oraz propozycje nowych
                regulacji, które ułatwiłyby jego upowszechnienie. Następnie porównano fundusz
                z budżetem obywatelskim, inicjatywą lokalną, mikrograntami i funduszem
                sołeckim.</p>""",
            },
            {
                "slug": "wdrozenie-funduszu-w-gminie",
                "title": "Wdrożenie funduszu w gminie: pytania i dyskusja",
                "intro": """Pytania uczestników spotkania i lista kontrolna dla gminy, która chce
                uruchomić fundusz sąsiedzki.""",
                "reading_minutes": 5,
                "body": [
                    (
                        "text",
                        """<p>Ostatnia część spotkania to pytania uczestników. Po jej
                    obejrzeniu sprawdź, czy Twoja gmina jest gotowa na fundusz
                    sąsiedzki.</p>""",
                    ),
                    _video(FUNDUSZ, "1:15:00", "1:30:00", "Pytania i dyskusja"),
                    ("heading", "Lista kontrolna"),
                    (
                        "text",
                        """<ul><li>Kto w urzędzie będzie opiekunem funduszu?</li>
                    <li>Jaka podstawa prawna i jaki budżet?</li><li>Jak mieszkańcy dowiedzą się
                    o funduszu?</li><li>Kto pomoże im przygotować wniosek i rozliczenie?</li>
                    <li>Jak po roku ocenimy działanie funduszu?</li></ul>""",
                    ),
                    _callout(
                        "tip",
                        "Zacznij od pilotażu",
                        """<p>Fundusz można najpierw
                    przetestować na jednym osiedlu lub w kilku sołectwach, a zasady poprawić
                    przed rozszerzeniem na całą gminę.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie nagrania, 1:15:00–1:30:00.</i></p>
                <p>Uczestnicy spotkania pytali o praktyczne aspekty wdrożenia funduszu
                sąsiedzkiego w gminie: kto w urzędzie powinien się nim zajmować, jak informować
                mieszkańców, jak wspierać ich przy wnioskach i rozliczeniach oraz jak połączyć
                fundusz z narzędziami, które gmina już stosuje.</p>""",
            },
        ],
    },
    {
        "slug": "narzedziownik-badania-lokalne",
        "title": "Narzędziownik: badania lokalne",
        "topic_area": PARTYCYPACJA,
        "level": "beginner",
        "summary": """Samodzielne badanie potrzeb i aktywności mieszkańców – od pomysłu do planu
        badania. Kurs oparty na „Narzędziowniku” Centrum Analiz i Modeli Społecznych.""",
        "learning_outcomes": [
            "Określisz cel badania i sformułujesz pytania badawcze.",
            "Dobierzesz metodę i narzędzie do pytań i możliwości zespołu.",
            "Zaplanujesz dobór uczestników, harmonogram i analizę wyników.",
            "Przygotujesz plan badania na wzór przykładowych planów.",
        ],
        "description": """<p>„Narzędziownik” to narzędzie do samodzielnego prowadzenia badań
        lokalnych, przygotowane dla samorządów i organizacji pozarządowych. Składa się z trzech
        części: prostego przewodnika „Krok po kroku”, pełnego opisu etapów planowania badania
        oraz przykładowych planów badań. Kurs prowadzi przez nie w tej samej kolejności.</p>
        <h3>Dla kogo?</h3>
        <p>Dla osób, które chcą poznać potrzeby i aktywność mieszkańców, zanim zaplanują
        działania, program wsparcia lub konsultacje – także bez doświadczenia
        badawczego.</p>""",
        "lessons": [
            {
                "slug": "krok-po-kroku",
                "title": "Krok po kroku: planujemy pierwsze badanie",
                "intro": """Prosty przewodnik po sześciu krokach planowania badania
                mieszkańców.""",
                "reading_minutes": 15,
                "body": [
                    (
                        "text",
                        """<p>Dobre badanie zaczyna się od pytania „po co?”. Zanim
                    przygotujesz ankietę, ustal, jakie decyzje mają zapaść na podstawie
                    wyników.</p>""",
                    ),
                    _slides("krok-po-kroku"),
                    ("heading", "Sześć kroków w skrócie"),
                    (
                        "text",
                        """<ol><li>Określ cel badania.</li><li>Sformułuj pytania
                    badawcze i wskaż, kogo badanie ma objąć.</li><li>Wybierz metodę.</li>
                    <li>Przygotuj narzędzie: kwestionariusz lub scenariusz rozmowy.</li>
                    <li>Zbierz i opracuj dane.</li><li>Sformułuj wnioski i podziel się nimi
                    z mieszkańcami.</li></ol>""",
                    ),
                    _callout(
                        "tip",
                        "Zacznij od małej skali",
                        """<p>Pierwsze badanie nie musi
                    obejmować całej gminy. Kilkanaście dobrze przeprowadzonych rozmów na jednym
                    osiedlu może dać więcej niż źle zaplanowana ankieta.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie lekcji.</i></p>
                <p>Lekcja przedstawia pierwszą część „Narzędziownika” – przewodnik „Krok po
                kroku”. Badanie mieszkańców pomaga poznać ich potrzeby i aktywność przed
                zaplanowaniem działań. Planowanie obejmuje sześć kroków: cel, pytania badawcze
                i grupę badanych, metodę, narzędzie, zebranie i opracowanie danych oraz wnioski,
                którymi warto podzielić się z mieszkańcami.</p>""",
            },
            {
                "slug": "etapy-planowania-badania",
                "title": "Etapy planowania badania",
                "intro": """Pełny opis etapów: od diagnozy sytuacji do raportu
                i rekomendacji.""",
                "reading_minutes": 25,
                "body": [
                    (
                        "text",
                        """<p>Druga część „Narzędziownika” szczegółowo opisuje każdy etap
                    planowania badania. W tej lekcji skupiamy się na trzech decyzjach, które
                    najczęściej sprawiają trudność: doborze uczestników, wyborze metody
                    i ochronie danych.</p>""",
                    ),
                    _slides("narzedziownik"),
                    ("heading", "Ilościowo czy jakościowo?"),
                    (
                        "text",
                        """<p>Ankieta pokazuje, jak często coś występuje i jak wiele osób
                    podziela daną opinię. Wywiady, warsztaty i spacery badawcze pomagają
                    zrozumieć, dlaczego tak jest. W badaniach lokalnych najlepiej sprawdza się
                    połączenie obu podejść.</p>""",
                    ),
                    _callout(
                        "warning",
                        "Dane osobowe",
                        """<p>Zbieraj tylko te dane, których
                    naprawdę potrzebujesz. Poinformuj uczestników o celu badania, zapewnij
                    anonimowość odpowiedzi i przechowuj dane bezpiecznie.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie lekcji.</i></p>
                <p>Etapy planowania badania to diagnoza sytuacji, cele, pytania badawcze, dobór
                uczestników, metody i narzędzia, harmonogram, analiza i raport. Lekcja omawia
                dobór uczestników – w tym dotarcie do grup, które rzadko biorą udział
                w konsultacjach – łączenie metod ilościowych i jakościowych oraz zasady etyki
                i ochrony danych. Raport powinien kończyć się rekomendacjami, a wyniki wracać do
                mieszkańców i decydentów.</p>""",
            },
            {
                "slug": "przykladowe-plany-badan",
                "title": "Przykładowe plany badań",
                "intro": """Trzy przykładowe plany, na których możesz wzorować własne
                badanie.""",
                "reading_minutes": 20,
                "body": [
                    (
                        "text",
                        """<p>Trzecia część „Narzędziownika” to przykładowe plany badań.
                    Każdy zawiera cel, pytania badawcze, metodę, grupę badanych, harmonogram
                    i sposób wykorzystania wyników.</p>""",
                    ),
                    _slides("plany-badan"),
                    ("heading", "Ćwiczenie: Twój plan badania"),
                    (
                        "text",
                        """<p>Wybierz jeden z przykładów najbliższy Twojej sytuacji
                    i przepisz go dla swojej gminy lub organizacji. Odpowiedz na pytania:</p>
                    <ul><li>Jaką decyzję pomoże podjąć badanie?</li><li>Kogo zapytasz i jak do
                    tych osób dotrzesz?</li><li>Ile czasu i osób potrzebujesz?</li><li>Jak
                    przedstawisz wyniki mieszkańcom?</li></ul>""",
                    ),
                    _callout(
                        "info",
                        "Wyniki wracają do mieszkańców",
                        """<p>Krótkie
                    podsumowanie wyników na stronie gminy lub na spotkaniu pokazuje
                    uczestnikom, że ich udział miał sens, i zachęca do udziału w kolejnych
                    badaniach.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie lekcji.</i></p>
                <p>Lekcja przedstawia trzy przykładowe plany badań: ankietę o potrzebach
                sąsiedzkich i gotowości do wspólnych działań, wywiady z liderami lokalnych
                organizacji i grup nieformalnych o barierach we współpracy z samorządem oraz
                badanie uczestników programu mikrograntów. Ćwiczenie polega na przygotowaniu
                własnego planu na wzór jednego z przykładów.</p>""",
            },
        ],
    },
    {
        "slug": "proste-formy-wspolpracy-finansowej",
        "title": "Jak nie dotacje, to co? Proste formy współpracy finansowej",
        "topic_area": WSPOLPRACA,
        "level": "intermediate",
        "summary": """Mikrozakupy usług lokalnych, mikrogranty i inkubator działalności
        społecznej – prostsze od dotacji sposoby współpracy finansowej samorządu z organizacjami
        i mieszkańcami.""",
        "learning_outcomes": [
            "Wskażesz ograniczenia trybu dotacyjnego w finansowaniu małych działań lokalnych.",
            "Opiszesz mikrozakupy usług lokalnych i to, co reguluje zarządzenie w tej sprawie.",
            "Zaplanujesz etapy budowy programu mikrograntów.",
            "Wyjaśnisz, jak inkubator wspiera grupy bez osobowości prawnej.",
        ],
        "description": """<p>Dominującą formą współpracy finansowej samorządów z lokalnymi
        podmiotami są dziś dotacje udzielane na podstawie ustawy o działalności pożytku
        publicznego i o wolontariacie. Ponad osiemnaście lat doświadczeń pokazuje, że ta forma
        bywa skomplikowana, nadmiernie rozbudowana i rodzi wiele problemów formalnych przy
        składaniu i rozliczaniu ofert.</p>
        <p>Kurs powstał na podstawie materiałów z cyklu seminariów „Jak nie dotacje to co...?”
        oraz badania współpracy finansowej samorządów z organizacjami pozarządowymi,
        przeprowadzonego w maju i czerwcu 2021 r. O czwartym narzędziu z cyklu – funduszu
        sąsiedzkim – opowiada osobny kurs.</p>""",
        "lessons": [
            {
                "slug": "mikrozakupy-uslug-lokalnych",
                "title": "Mikrozakupy usług lokalnych",
                "intro": """Jak samorząd może zamawiać drobne usługi u lokalnych organizacji
                w uproszczonym trybie.""",
                "reading_minutes": 15,
                "body": [
                    (
                        "text",
                        """<p>Nie każde działanie wymaga otwartego konkursu ofert. Drobne
                    usługi – poprowadzenie warsztatów, przygotowanie lokalnego wydarzenia – gmina
                    może zamówić u lokalnej organizacji na zasadach określonych w wewnętrznym
                    zarządzeniu.</p>""",
                    ),
                    _slides("mikrozakupy-lokalne"),
                    ("heading", "Co powinno znaleźć się w zarządzeniu?"),
                    (
                        "text",
                        """<ul><li>Jakie usługi można zamawiać w tym trybie.</li><li>Do
                    jakiej kwoty.</li><li>Kto przygotowuje zapytanie i do ilu wykonawców je
                    kieruje.</li><li>Jak dokumentuje się wybór wykonawcy i odbiór
                    usługi.</li></ul>""",
                    ),
                    _callout(
                        "info",
                        "Przykład zarządzenia",
                        """<p>W materiałach cyklu „Jak nie
                    dotacje to co...?” opublikowano przykład zarządzenia w sprawie mikrozakupów
                    lokalnych (29.09.2021).</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie lekcji.</i></p>
                <p>Procedury dotacyjne bywają zbyt skomplikowane dla małych działań lokalnych.
                Mikrozakupy lokalne pozwalają samorządowi zamawiać drobne usługi u lokalnych
                organizacji w uproszczonym trybie, na zasadach określonych w zarządzeniu:
                jakie usługi, do jakiej kwoty, kto przygotowuje zapytanie i jak dokumentuje się
                wybór wykonawcy. Korzyści to krótszy czas realizacji, mniej dokumentów i jasne
                zasady dla obu stron.</p>""",
            },
            {
                "slug": "jak-zbudowac-program-mikrograntow",
                "title": "Jak zbudować program mikrograntów",
                "intro": """Etapy budowy lokalnego programu mikrograntów i decyzje, które trzeba
                podjąć na początku.""",
                "reading_minutes": 15,
                "body": [
                    (
                        "text",
                        """<p>Program mikrograntów można prowadzić samodzielnie albo
                    powierzyć operatorowi. Niezależnie od modelu warto przejść przez te same
                    etapy.</p>""",
                    ),
                    _slides("mikrogranty-oferta"),
                    ("heading", "Decyzje na początek"),
                    (
                        "text",
                        """<ol><li>Jaki jest cel programu i kogo chcemy wesprzeć?</li>
                    <li>Jaki budżet i jakiej wysokości mikrogranty?</li><li>Kto może składać
                    wnioski?</li><li>Jak będą wyglądać ocena i rozliczenie?</li></ol>""",
                    ),
                    _callout(
                        "tip",
                        "Więcej o mikrograntach",
                        """<p>Doświadczenia samorządów,
                    które już prowadzą programy mikrograntów, poznasz w kursie „Mikrogranty
                    w gminie”.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie lekcji.</i></p>
                <p>Budowa programu mikrograntów obejmuje diagnozę potrzeb, wybór modelu –
                samodzielnie lub przez operatora – przygotowanie regulaminu, nabór, ocenę,
                realizację i ewaluację. Na początku trzeba ustalić cele programu, budżet,
                wysokość mikrograntów, krąg uprawnionych wnioskodawców i zasady
                rozliczania.</p>""",
            },
            {
                "slug": "inkubator-dzialalnosci-spolecznej",
                "title": "Inkubator Działalności Społecznej",
                "intro": """Jak inkubator pomaga grupom rozpocząć działalność społeczną i jak
                można go upowszechniać w modelu franczyzy lub licencji partnerskiej.""",
                "reading_minutes": 15,
                "body": [
                    (
                        "text",
                        """<p>Grupa, która dopiero zaczyna działać, często nie ma
                    osobowości prawnej, księgowości ani doświadczenia w formalnościach.
                    Inkubator działalności społecznej pozwala jej działać od razu, a własną
                    organizację założyć później – jeśli zechce.</p>""",
                    ),
                    _slides("inkubator"),
                    ("heading", "Franczyza i licencja partnerska"),
                    (
                        "text",
                        """<p>Sprawdzony model inkubatora można przenieść do innej
                    miejscowości. W modelu franczyzy społecznej nowy inkubator korzysta
                    z know-how i standardów twórców, a w modelu licencji partnerskiej – z ich
                    rozwiązań na uzgodnionych zasadach współpracy.</p>""",
                    ),
                    _callout(
                        "info",
                        "Rola samorządu",
                        """<p>Samorząd może współfinansować
                    inkubator, udostępnić mu lokal i włączyć go w lokalny system wspierania
                    aktywności mieszkańców.</p>""",
                    ),
                ],
                "transcript": """<p><i>Streszczenie lekcji.</i></p>
                <p>Inkubator działalności społecznej wspiera osoby i grupy rozpoczynające
                działalność: oferuje doradztwo, szkolenia, przestrzeń i pomoc
                w formalnościach. Grupa może działać pod jego parasolem, korzystając z jego
                osobowości prawnej i obsługi księgowej. Model można upowszechniać w formie
                franczyzy społecznej lub licencji partnerskiej, a samorząd może współfinansować
                inkubator i udostępnić mu lokal.</p>""",
            },
        ],
    },
]

FEATURED_COURSES = [
    "mikrogranty-w-gminie",
    "fundusz-sasiedzki-krok-po-kroku",
    "narzedziownik-badania-lokalne",
]

# --------------------------------------------------------------------------------------------
# Home page, index pages and standard pages
# --------------------------------------------------------------------------------------------

HOME_PAGE = {
    "title": "Strona główna",
    "title_en": "Home",
    "seo_title": "CAMS e-learning – kursy o aktywności obywatelskiej",
    "search_description": """Kursy online Centrum OPUS i Centrum Analiz i Modeli Społecznych
    dla samorządów, organizacji pozarządowych i aktywnych mieszkańców.""",
    "hero_title": "Ucz się, jak wspierać aktywność mieszkańców",
    "hero_text": """Kursy online dla samorządów, organizacji pozarządowych, grup nieformalnych
    i aktywnych mieszkańców. Oparte na nagraniach webinariów i seminariów Centrum OPUS oraz
    Centrum Analiz i Modeli Społecznych.""",
    "hero_cta_text": "Przeglądaj kursy",
    "body": [
        ("heading", "Wiedza z praktyki"),
        (
            "text",
            """<p>Każdy kurs składa się z krótkich lekcji: fragmentu nagrania, slajdów,
        które zmieniają się razem z nim, omówienia i zadania do wykonania we własnej gminie lub
        organizacji. Do każdego nagrania dołączamy tekstowe streszczenie, a do slajdów – ich
        tekst.</p>""",
        ),
        _callout(
            "info",
            "Nowe nagrania",
            """<p>Zapisy seminariów „Jak nie dotacje to co...?”
        oraz „Działania obywatelskie - praktyka, nowe rozwiązania i badania społeczne” zostaną
        wkrótce dodane w dziale Webinaria. Slajdy wystąpień są już dostępne.</p>""",
        ),
    ],
}

WEBINAR_INDEX = {
    "slug": "webinaria",
    "title": "Webinaria i seminaria",
    "title_en": "Webinars and seminars",
    "intro": """<p>Zapisy spotkań Centrum OPUS i Centrum Analiz i Modeli Społecznych: nagrania,
    slajdy i materiały do pobrania. Fragmenty nagrań są też lekcjami w naszych kursach.</p>""",
}

COURSE_INDEX = {
    "slug": "kursy",
    "title": "Kursy",
    "title_en": "Courses",
    "intro": """<p>Kursy do samodzielnej nauki we własnym tempie. Wybierz obszar tematyczny
    albo przejrzyj wszystkie kursy.</p>""",
}

STANDARD_PAGES = [
    {
        "slug": "o-platformie",
        "title": "O platformie",
        "title_en": "About the platform",
        "show_in_menus": True,
        "intro": """Platforma e-learningowa Centrum Analiz i Modeli Społecznych udostępnia kursy
        oparte na nagraniach webinariów i seminariów oraz materiałach Centrum OPUS.""",
        "body": [
            ("heading", "Kto prowadzi platformę?"),
            (
                "text",
                """<p>Platformę prowadzi Centrum OPUS w Łodzi – ośrodek wspierania
            organizacji pozarządowych. Razem z Centrum Innowacji Społecznych Uniwersytetu
            Łódzkiego tworzy ono Centrum Analiz i Modeli Społecznych (CAMS), wspólny think tank
            obu instytucji. Jednym z zadań CAMS jest rozwój instytucjonalny dzięki narzędziom
            e-edukacji w ramach działań badawczych i doradczych – ta platforma jest jednym
            z nich.</p>""",
            ),
            ("heading", "Dla kogo?"),
            (
                "text",
                """<p>Dla samorządów gmin i miast na prawach powiatu, organizacji
            pozarządowych, grup nieformalnych i aktywnych mieszkańców, którzy chcą wspierać
            aktywność obywatelską w swojej okolicy.</p>""",
            ),
            ("heading", "Co znajdziesz na platformie?"),
            (
                "text",
                """<ul><li><b>Kursy</b> – lekcje złożone z fragmentów nagrań, slajdów
            zsynchronizowanych z nagraniem, omówień i zadań.</li>
            <li><b>Webinaria i seminaria</b> – pełne zapisy spotkań wraz ze slajdami.</li>
            <li><b>Trzy obszary tematyczne</b> Bazy analiz i modeli społecznych: modele
            aktywności obywatelskiej, partycypacji społecznej i współpracy
            międzysektorowej.</li></ul>""",
            ),
            ("heading", "Finansowanie"),
            ("text", f"<p>{FUNDING}</p>"),
            _callout(
                "info",
                "Kontakt",
                f"""<p>Pytania i uwagi dotyczące materiałów prosimy
            przesyłać na adres <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>""",
            ),
        ],
    },
    {
        "slug": "polityka-prywatnosci",
        "title": "Polityka prywatności",
        "title_en": "Privacy policy",
        "show_in_menus": False,
        "intro": """Jak przetwarzamy dane osobowe użytkowników platformy e-learningowej
        CAMS.""",
        "body": [
            _callout("warning", "Wersja demonstracyjna", DEMO_NOTE),
            ("heading", "Administrator danych"),
            (
                "text",
                """<p>Administratorem danych osobowych użytkowników platformy jest Centrum
            OPUS w Łodzi. W sprawach dotyczących danych osobowych można się z nami kontaktować
            pod adresem e-mail podanym w stopce strony.</p>""",
            ),
            ("heading", "Jakie dane przetwarzamy?"),
            (
                "text",
                """<ul><li>dane konta: nazwę użytkownika, adres e-mail i nazwę
            wyświetlaną, która pojawia się na certyfikatach;</li>
            <li>informacje o typie organizacji i gminie, które pomagają koordynatorom
            przygotować zbiorcze sprawozdania z realizacji szkoleń;</li>
            <li>postępy w kursach;</li>
            <li>zapisy na wydarzenia na żywo i obecność na nich (z raportu narzędzia do
            spotkań online, np. Zoom lub Teams); imię i nazwisko oraz adres e-mail osób
            zapisanych bez konta usuwamy 180 dni po wydarzeniu;</li>
            <li>dane techniczne zapisywane w dziennikach serwera.</li></ul>""",
            ),
            ("heading", "W jakim celu i na jakiej podstawie?"),
            (
                "text",
                """<p>Dane przetwarzamy, aby prowadzić konto i umożliwić udział w kursach
            (art. 6 ust. 1 lit. b RODO), przygotowywać zbiorcze, anonimowe sprawozdania oraz
            dbać o bezpieczeństwo serwisu (art. 6 ust. 1 lit. f RODO – prawnie uzasadniony
            interes administratora).</p>""",
            ),
            ("heading", "Nagrania z serwisu YouTube"),
            (
                "text",
                """<p>Nagrania odtwarzamy z serwisu YouTube w trybie rozszerzonej
            prywatności (youtube-nocookie.com). Po uruchomieniu odtwarzacza Google może
            przetwarzać dane zgodnie z własną polityką prywatności.</p>""",
            ),
            ("heading", "Pliki cookie"),
            (
                "text",
                """<p>Platforma używa wyłącznie niezbędnych plików cookie: do utrzymania
            sesji zalogowanego użytkownika i do ochrony formularzy. Nie stosujemy plików cookie
            analitycznych ani reklamowych.</p>""",
            ),
            ("heading", "Twoje prawa"),
            (
                "text",
                """<p>Masz prawo dostępu do swoich danych, ich sprostowania, usunięcia,
            ograniczenia przetwarzania i przeniesienia, a także prawo wniesienia sprzeciwu.
            Przysługuje Ci również prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych
            Osobowych.</p>""",
            ),
        ],
    },
    {
        "slug": "deklaracja-dostepnosci",
        "title": "Deklaracja dostępności",
        "title_en": "Accessibility statement",
        "show_in_menus": False,
        "intro": """Centrum OPUS chce, aby platforma e-learningowa CAMS była dostępna dla
        wszystkich, i stosuje wymagania WCAG 2.1 na poziomie AA, wzorując się na ustawie z dnia
        4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych
        podmiotów publicznych.""",
        "body": [
            _callout("warning", "Wersja demonstracyjna", DEMO_NOTE),
            ("heading", "Stan dostępności"),
            (
                "text",
                """<p>Serwis jest częściowo zgodny z WCAG 2.1 na poziomie AA z powodu
            niezgodności i wyłączeń wymienionych poniżej.</p>""",
            ),
            ("heading", "Treści niedostępne"),
            (
                "text",
                """<ul><li>Część nagrań webinariów nie ma jeszcze napisów. Do każdej
            lekcji z nagraniem dołączamy tekstowe streszczenie.</li>
            <li>Slajdy prezentacji są publikowane jako obrazy i pliki PDF. Tekst każdego slajdu
            można rozwinąć pod jego miniaturą.</li>
            <li>Dokumenty do pobrania przygotowane przez partnerów mogą nie być w pełni
            dostępne.</li>
            <li>Odtwarzacz nagrań pochodzi z serwisu YouTube i nie mamy wpływu na jego
            dostępność.</li></ul>""",
            ),
            ("heading", "Ułatwienia"),
            (
                "text",
                """<ul><li>Link „Przejdź do treści głównej” na początku każdej
            strony.</li><li>Obsługa serwisu za pomocą klawiatury.</li><li>Nagrania, slajdy i ich
            tekst są widoczne także bez JavaScriptu.</li></ul>""",
            ),
            ("heading", "Informacje zwrotne i kontakt"),
            (
                "text",
                """<p>Jeśli zauważysz problem z dostępnością, napisz na adres e-mail
            podany w stopce strony. Podaj adres strony i opis problemu. Odpowiemy najszybciej,
            jak to możliwe, nie później niż w ciągu 7 dni.</p>""",
            ),
            ("heading", "Przygotowanie deklaracji"),
            (
                "text",
                """<p>Deklarację sporządzono na podstawie samooceny przeprowadzonej przez
            zespół Centrum OPUS.</p>""",
            ),
        ],
    },
]

# --------------------------------------------------------------------------------------------
# Users (demo logins only; scripts/run.sh prints them)
# --------------------------------------------------------------------------------------------

COORDINATORS_GROUP = "Coordinators"
EDITORS_GROUP = "Editors"

USERS = [
    {
        "username": "admin",
        "password": "admin",
        "email": "admin@example.org",
        "display_name": "Administrator (demo)",
        "superuser": True,
        "groups": [],
    },
    {
        "username": "redaktor",
        "password": "redaktor-demo",
        "email": "redaktor@example.org",
        "display_name": "Redaktor (demo)",
        "superuser": False,
        "groups": [EDITORS_GROUP],
    },
    {
        "username": "koordynator",
        "password": "koordynator-demo",
        "email": "koordynator@example.org",
        "display_name": "Koordynator szkoleń (demo)",
        "superuser": False,
        "groups": [COORDINATORS_GROUP],
    },
    {
        "username": "uczestnik",
        "password": "uczestnik-demo",
        "email": "uczestnik@example.org",
        "display_name": "Uczestnik (demo)",
        "superuser": False,
        "groups": [],
    },
]


def _choice(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


# One closing quiz per course, after its lessons: {course slug: quiz}. Every question has one
# gradable key; feedback explains each option with the course's own material.
QUIZZES = {
    "mikrogranty-w-gminie": {
        "slug": "sprawdz-wiedze-mikrogranty",
        "title": "Sprawdź wiedzę: mikrogranty",
        "instructions": """<p>Pięć pytań o tym, czym są mikrogranty i jak prowadzą je
        samorządy. Do zaliczenia potrzeba 70% punktów; możesz podejść trzy razy.</p>""",
        "pass_mark": 70,
        "max_attempts": 3,
        "questions": [
            {
                "kind": "single",
                "prompt": "Kto najczęściej otrzymuje mikrogranty?",
                "choices": [
                    _choice(
                        "Mieszkańcy, grupy nieformalne i młode organizacje",
                        True,
                        "Tak. Mikrogranty trafiają do tych, którzy dopiero zaczynają działać.",
                    ),
                    _choice(
                        "Duże fundacje ogólnopolskie",
                        feedback="Nie. To narzędzie dla małych, lokalnych działań.",
                    ),
                    _choice(
                        "Wyłącznie jednostki samorządu",
                        feedback="Nie. Samorząd zwykle ogłasza program lub go finansuje.",
                    ),
                ],
            },
            {
                "kind": "multiple",
                "prompt": "Co robi operator programu mikrograntów?",
                "points": 2,
                "choices": [
                    _choice("Prowadzi nabór wniosków", True, "Tak, to jedno z jego zadań."),
                    _choice("Doradza wnioskodawcom", True, "Tak, wsparcie wnioskodawców to istota modelu."),
                    _choice("Rozlicza mikrogranty", True, "Tak, operator odpowiada też za rozliczenie."),
                    _choice("Uchwala budżet gminy", feedback="Nie. Budżet uchwala rada gminy."),
                ],
            },
            {
                "kind": "true_false",
                "prompt": "Grupa nieformalna musi mieć osobowość prawną, żeby działać razem.",
                "answer": "false",
                "explanation": "Grupa nieformalna to kilka osób działających razem bez osobowości prawnej.",
            },
            {
                "kind": "text",
                "prompt": "Jak nazywa się program, dzięki któremu mikrogranty upowszechniły się w Polsce?",
                "accepted": "Fundusz Inicjatyw Obywatelskich\nFIO\nprogram FIO",
                "explanation": "Mikrogranty rozwijały się głównie dzięki programowi Fundusz Inicjatyw "
                "Obywatelskich (FIO).",
            },
            {
                "kind": "number",
                "prompt": "Ile gmin dzieli się doświadczeniami w tym kursie?",
                "accepted": "3",
                "explanation": "Wieruszów, Rzgów i Sieradz.",
            },
        ],
    },
    "fundusz-sasiedzki-krok-po-kroku": {
        "slug": "sprawdz-wiedze-fundusz-sasiedzki",
        "title": "Sprawdź wiedzę: fundusz sąsiedzki",
        "instructions": """<p>Cztery pytania o modelu funduszu sąsiedzkiego i jego miejscu
        wśród innych narzędzi. Próg zaliczenia: 75%.</p>""",
        "pass_mark": 75,
        "questions": [
            {
                "kind": "single",
                "prompt": "Które narzędzie daje niewielkie środki bezpośrednio mieszkańcom na działania "
                "w sąsiedztwie?",
                "choices": [
                    _choice("Fundusz sąsiedzki", True, "Tak, to jego istota."),
                    _choice(
                        "Budżet obywatelski",
                        feedback="Nie. W budżecie obywatelskim projekty realizuje samorząd.",
                    ),
                    _choice(
                        "Fundusz sołecki", feedback="Nie. Fundusz sołecki to środki do dyspozycji sołectw."
                    ),
                ],
            },
            {
                "kind": "multiple",
                "prompt": "Które kroki należą do ścieżki mieszkańca w funduszu sąsiedzkim?",
                "points": 2,
                "partial_credit": True,
                "choices": [
                    _choice("Krótki wniosek", True),
                    _choice("Szybka decyzja", True),
                    _choice("Proste rozliczenie", True),
                    _choice("Przetarg nieograniczony", feedback="Nie. Ścieżka ma być jak najprostsza."),
                ],
            },
            {
                "kind": "true_false",
                "prompt": "W inicjatywie lokalnej mieszkańcy mogą wnieść do zadania swoją pracę.",
                "answer": "true",
                "explanation": "Mieszkańcy wnoszą pracę, świadczenia lub środki.",
            },
            {
                "kind": "single",
                "prompt": "Z kim warto omówić podstawę prawną funduszu przed wdrożeniem?",
                "choices": [
                    _choice(
                        "Z radcą prawnym urzędu i skarbnikiem",
                        True,
                        "Tak, wybór podstawy zależy od sytuacji gminy.",
                    ),
                    _choice(
                        "Tylko z mieszkańcami",
                        feedback="Mieszkańcy projektują ścieżkę, ale podstawę prawną ustala urząd.",
                    ),
                    _choice("Nie trzeba z nikim", feedback="Nie. Kurs zaleca konsultację przed wdrożeniem."),
                ],
            },
        ],
    },
    "narzedziownik-badania-lokalne": {
        "slug": "sprawdz-wiedze-badania",
        "title": "Sprawdź wiedzę: badania lokalne",
        "instructions": "<p>Trzy pytania o planowaniu pierwszego badania mieszkańców.</p>",
        "pass_mark": 60,
        "questions": [
            {
                "kind": "number",
                "prompt": "Z ilu kroków składa się przewodnik „Krok po kroku”?",
                "accepted": "6",
            },
            {
                "kind": "single",
                "prompt": "Od czego zaczyna się dobre badanie?",
                "choices": [
                    _choice("Od określenia celu: jakie decyzje mają zapaść na podstawie wyników", True),
                    _choice(
                        "Od wydrukowania ankiety",
                        feedback="Narzędzie przygotowuje się dopiero w czwartym kroku.",
                    ),
                    _choice("Od zebrania danych", feedback="Dane zbiera się po wyborze metody i narzędzia."),
                ],
            },
            {
                "kind": "true_false",
                "prompt": "Pierwsze badanie musi objąć całą gminę.",
                "answer": "false",
                "explanation": "Kilkanaście dobrze przeprowadzonych rozmów na jednym osiedlu może dać "
                "więcej.",
            },
        ],
    },
    "proste-formy-wspolpracy-finansowej": {
        "slug": "sprawdz-wiedze-wspolpraca-finansowa",
        "title": "Sprawdź wiedzę: proste formy współpracy",
        "instructions": "<p>Cztery pytania o mikrozakupach, programach mikrograntów i inkubatorze.</p>",
        "pass_mark": 70,
        "wait_minutes": 5,
        "questions": [
            {
                "kind": "multiple",
                "prompt": "Co powinno określać zarządzenie w sprawie mikrozakupów?",
                "points": 2,
                "choices": [
                    _choice("Jakie usługi można zamawiać", True),
                    _choice("Do jakiej kwoty", True),
                    _choice("Jak dokumentuje się wybór wykonawcy", True),
                    _choice(
                        "Nazwiska przyszłych wykonawców",
                        feedback="Nie. Wykonawców wybiera się w każdym zapytaniu.",
                    ),
                ],
            },
            {
                "kind": "single",
                "prompt": "Jak można prowadzić program mikrograntów?",
                "choices": [
                    _choice(
                        "Samodzielnie albo przez operatora",
                        True,
                        "Tak, oba modele przechodzą przez te same etapy.",
                    ),
                    _choice("Tylko przez operatora", feedback="Nie. Gmina może też prowadzić program sama."),
                    _choice(
                        "Tylko w trybie przetargu",
                        feedback="Nie. To nie jest zamówienie publiczne w tym trybie.",
                    ),
                ],
            },
            {
                "kind": "true_false",
                "prompt": "Każde działanie organizacji na rzecz gminy wymaga otwartego konkursu ofert.",
                "answer": "false",
                "explanation": "Drobne usługi można zamawiać w trybie mikrozakupów.",
            },
            {
                "kind": "text",
                "prompt": "Jak nazywa się tryb zamawiania drobnych usług u lokalnych organizacji, "
                "omawiany w kursie?",
                "accepted": "mikrozakupy\nmikrozakupy lokalne\nmikrozakupy usług lokalnych\nmikrozakup",
            },
        ],
    },
}
