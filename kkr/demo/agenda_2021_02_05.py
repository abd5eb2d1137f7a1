"""Agenda of KKR Nordjylland's meeting of 5 Feb 2021, from the printed agenda, extraction damage repaired."""

# Transcribed from shared/seed/kkr-nordjylland-2021-02-05-dagsorden.txt (text extracted from the printed PDF).
# Section and item numbers are not stored: they follow from the positions in SECTIONS (1-based).
# Repairs: line-end hyphenation joined (real hyphens such as "miljø- og", "KKR-sekretariatet" and
# "2021-2022" kept), words split by stray spaces rejoined ("udviklingsprojek ter", "kommunalbestyre lser",
# "kursist -grundlaget"), print lines joined into paragraphs. Everything else is as printed, typos included
# ("Klimambitionen", "Resultatkontakten", "udlændige", "SOSU-dimmensionering", "praksis :").
# A "./." marker in the printed margin became class="attachment-ref" on the paragraph or list item it
# stands beside, and one entry in the item's "attachments" (same order). HTML uses only the tags that the
# portal's nh3 allow-list keeps: p, strong, em, ul, ol, li, a, h5, br.

SECTIONS = [
    {
        "title": "Godkendelse af referat",
        "role": "minutes_approval",
        "items": [
            {
                "title": "Godkendelse af referat",
                "role": "minutes_approval",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": (
                    "<p>Godkendelse af referat fra møde i KKR Nordjylland den 13. november 2020 samt det "
                    "ekstraordinære møde i KKR Nordjylland den 15. januar 2021.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at referat</p>"
                    "<ul>"
                    "<li>Fra mødet i KKR Nordjylland den 13. november 2020 godkendes</li>"
                    "<li>Fra mødet i KKR Nordjylland den 15. januar 2021 godkendes.</li>"
                    "</ul>"
                ),
                "presentation": (
                    "<p>Referaterne er udsendt henholdsvis den 20. november 2020 samt den 21. januar 2021. "
                    "Der er ikke indkommet bemærkninger til de udsendte referater.</p>"
                ),
                "attachments": [],
            },
            {
                "title": "Godkendelse af dagsorden",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": (
                    "<p>Godkendelse af dagsorden til KKR Nordjyllands møde den 5. februar 2021.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at dagsorden til KKR Nordjyllands møde den 5. februar 2021 "
                    "godkendes.</p>"
                ),
                "presentation": "<p>Dagsorden er udsendt den 29. januar 2021.</p>",
                "attachments": [],
            },
        ],
    },
    {
        "title": "Siden sidst",
        "items": [
            {
                "title": "Siden sidst",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": "",
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"
                ),
                "presentation": (
                    "<h5>Orientering fra Business Region North (BRN)</h5>"
                    "<p>Mogens Christen Gade giver en kort orientering fra BRN.</p>"
                    "<h5>Orientering fra Erhvervshus Nordjyllands bestyrelse</h5>"
                    "<p>Mogens Christen Gade giver en kort orientering fra Erhvervshus Nordjyllands "
                    "bestyrelse.</p>"
                    "<h5>Orientering fra møde i Danmarks Erhvervsfremmebestyrelse</h5>"
                    "<p>Arne Boelt giver en kort orientering fra mødet den 3. februar 2021.</p>"
                    "<h5>Orientering fra møde mellem KL’s og KKR’s formandskaber</h5>"
                    "<p>Arne Boelt giver en kort orientering fra mødet den 13. januar 2021.</p>"
                    "<h5>Skriftlig orientering om henvendelser sendt til ministre vedr. frikommuneforsøg "
                    "m.v.</h5>"
                    '<p class="attachment-ref">Henvendelse til Beskæftigelsesminister Peter Hummelgaard af '
                    "1. dec. 2020</p>"
                    '<p class="attachment-ref">Henvendelse til Statsminister Mette Frederiksen af 10. dec. '
                    "2020</p>"
                    '<p class="attachment-ref">Henvendelse til Folketingets Beskæftigelsesudvalg af 11. dec. '
                    "2020</p>"
                    '<p class="attachment-ref">Henvendelse til Social- og Indenrigsminister Astrid Kragh af '
                    "16. dec. 2020</p>"
                    '<p class="attachment-ref">Henvendelse til Bolig- og Indenrigsminister Kaare Dybvad af '
                    "29. jan. 2021</p>"
                ),
                "attachments": [
                    "Henvendelse til Beskæftigelsesminister Peter Hummelgaard af 1. dec. 2020",
                    "Henvendelse til Statsminister Mette Frederiksen af 10. dec. 2020",
                    "Henvendelse til Folketingets Beskæftigelsesudvalg af 11. dec. 2020",
                    "Henvendelse til Social- og Indenrigsminister Astrid Kragh af 16. dec. 2020",
                    "Henvendelse til Bolig- og Indenrigsminister Kaare Dybvad af 29. jan. 2021",
                ],
            },
        ],
    },
    {
        "title": "Regionalpolitiske sager",
        "items": [
            {
                "title": "Temadrøftelse – Miljø- og Klimaområdet",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": (
                    "<p>Som en del af mødet i KKR Nordjylland den 5. februar 2021 afholdes en temadrøftelse "
                    "på klima- og miljøområdet fra kl. 8.30-10.</p>"
                    "<p>Her inviteres repræsentanter fra kommunernes tekniske områder til en dialog med KKR "
                    "Nordjylland.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"
                ),
                "presentation": (
                    "<p>Forud for mødet i KKR Nordjylland afholdes der et temamøde omkring miljø- og "
                    "klimaområdet.</p>"
                    "<p>Indledningsvis sættes der fokus på Limfjordsrådet og rådets arbejde med en ny "
                    "Masterplan (kl. 8.30-9.00).</p>"
                    "<p>Efterfølgende præsenteres og drøftes Den Fælles Nordjyske Klimaambition mellem de "
                    "nordjyske kommuner og Region Nordjylland (kl. 9.00-10.00).</p>"
                    "<p>Begge emner er uddybet nærmere under dagsordenssagerne til mødet i KKR Nordjylland "
                    "(pkt. 3.2 og 3.3).</p>"
                    "<p>Til mødet er inviteret formænd og næstformænd for kommunernes tekniske udvalg samt "
                    "direktører/chefer med ansvar for området.</p>"
                ),
                "attachments": [],
            },
            {
                "title": "Limfjordsrådet - Masterplan",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": (
                    "<p>Limfjordsrådet er et fagpolitisk partnerskab mellem 18 nord- og midtjyske kommuner "
                    "om at understøtte forbedringer af Limfjordens miljø- og naturtilstand, herunder "
                    "specielt varetagelsen af de kommunale opgaver i forbindelse med koordinering og "
                    "implementering af vandplanerne. Vådområde- og vandløbsindsatsen er således et "
                    "kerneområde for rådets virke.</p>"
                    "<p>Med udgangspunkt i FN’s 17 verdensmål og ”tænkning på tværs” arbejder Limfjordsrådet "
                    "på en Masterplan, der ud fra eksisterende viden sætter retning, skaber overblik og "
                    "skitserer rammerne for Rådets videre arbejde for at fremme en bæredygtig udvikling i og "
                    "omkring Limfjorden.</p>"
                    "<p>Punktet blev pga. COVID-19 situationen udskudt på mødet i KKR Nordjylland den 13. "
                    "november 2020.</p>"
                    "<p>Jens Christian Golding, næstformand i Limfjordsrådet, indleder punktet på temamødet "
                    "med et kort indlæg.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland:</p>"
                    "<ul>"
                    "<li>Tager orientering om Limfjordsrådets arbejde til efterretning</li>"
                    "<li>Anbefaler, at udkastet til ”Masterplan for Limfjorden” godkendes i de nordjyske "
                    "kommuner.</li>"
                    "</ul>"
                ),
                "presentation": (
                    "<p>Limfjordsrådets formandskab har den 7. februar 2019 drøftet forslaget omkring "
                    "udarbejdelsen af en masterplan med KKR Nordjylland. KKR Nordjylland anbefalede, at de "
                    "enkelte kommunalbestyrelser/fagudvalg blev inddraget i processen med henblik på at "
                    "sikre ejerskab til de indsatser, der peges på i planen. KKR Nordjylland bakkede i "
                    "øvrigt op om udarbejdelse af en masterplan og anbefalede, at Limfjordsrådet henvendte "
                    "sig til kommunerne med henblik på at få fagudvalgene til at give input til "
                    "Masterplanens indsatsområder.</p>"
                    "<p>Formandskabet afholdt et tilsvarende møde for borgmestrene i de midtjyske "
                    "Limfjordskommuner. På dette møde blev der også bakket op om udarbejdelsen af en "
                    "masterplan for Limfjorden i balance.</p>"
                    "<p>Et kommissorium for arbejdet blev efterfølgende behandlet i kommunerne, hvor KKR "
                    "Nordjyllands opfordring til fagudvalgene, om at give input til Masterplanens "
                    "indsatsområder, blev videregivet.</p>"
                    "<p>Med Masterplanen arbejdes der for, at Limfjorden bliver et endnu større aktiv for "
                    "både borgere og erhverv. Limfjorden skal være værdifuld for kommende generationer. "
                    "Natur og miljø skal have det godt. Limfjordsrådet arbejder for en ren og bæredygtig "
                    "Limfjord, der både benyttes og beskyttes – en Limfjord i balance. Det sker gennem "
                    "samarbejde og en helhedsorienteret fælles indsats og forvaltning af fjorden.</p>"
                    "<p>Planen skal understøtte samarbejdet med civilsamfundet og den enkelte borger, såvel "
                    "som virksomhedernes mulighed for bæredygtig erhvervsudvikling, og er afgrænset til en "
                    "række fokusområder:</p>"
                    "<ul>"
                    "<li>Fjordindsats</li>"
                    "<li>Oplandsindsats</li>"
                    "<li>Naturindsats</li>"
                    "<li>Klimaindsats</li>"
                    "<li>Forankringsindsats.</li>"
                    "</ul>"
                    '<p class="attachment-ref">Første udkast til Masterplanen version 1.0 (visionsdelen) '
                    "forligger nu. Visionsdelen bygger på input fra en række strategimøder afholdt inden for "
                    "hvert af masterplanens fem fokusområder. Ud over selve strateginotatet har "
                    "arbejdsgrupper udarbejdet seks ligestillede tekniske baggrundsnotater, der også vil "
                    "blive brugt i forhold til en mere handlingsorienteret del, der følger efter, at "
                    "Masterplanen version 1.0 er godkendt af kommunerne.</p>"
                    "<p>Foruden de to KKR inddrages interessenter inden sagen igen behandles i "
                    "Limfjordsrådet for derefter at blive sendt til endelig beslutning i byrådene.</p>"
                ),
                "attachments": [
                    "Første udkast til Masterplan for Limfjorden, version 1.0 (visionsdelen)",
                ],
            },
            {
                "title": "Den Fælles Nordjyske Klimaambition",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": (
                    "<p>KKR Nordjylland og BRN-bestyrelsen besluttede den 7. februar 2020, at man vil "
                    "udarbejde en fælles klimastrategi for de nordjyske kommuner og regionen.</p>"
                    "<p>Til at varetage dette arbejde blev der i april 2020 nedsat en arbejdsgruppe "
                    "bestående af fire kommunaldirektører, to tekniske direktører og den regionale "
                    "udviklingsdirektør. Gruppen har i denne periode primært haft fokus på følgende:</p>"
                    "<ul>"
                    "<li>Afgrænsning af den fælles nordjyske klimaindsats, herunder kortlægning af "
                    "eksisterende nordjyske samarbejder på området</li>"
                    "<li>Øget governance i den nordjyske klimaindsats for at sikre bedre sammenhæng og "
                    "mindske overlap på klimaområdet.</li>"
                    "<li>En klimastrategisk ambition for de nordjyske klimaindsatser kaldet Den Fælles "
                    "Nordjyske Klimaambition. Der har været fokus på at sammentænke det strategiske arbejde "
                    "med DK2020 – klimahandlingsplaner for de nordjyske kommuner.</li>"
                    "</ul>"
                    "<p>Sagen indledes på temamødet med et mundtligt oplæg ved Henrik Kruuse, "
                    "kommunaldirektør i Vesthimmerlands Kommune og formand for arbejdsgruppen.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland</p>"
                    "<ul>"
                    "<li>Drøfter og godkender udkast til Den Fælles Nordjyske Klimaambition</li>"
                    "<li>Drøfter hvorledes, der kan opnås politisk ejerskab til Klimaambitionen i de "
                    "nordjyske kommuner</li>"
                    "<li>Anbefaler, at de nordjyske kommunalbestyrelser tilslutter sig Den Fælles Nordjyske "
                    "Klimaambition.</li>"
                    "</ul>"
                ),
                "presentation": (
                    "<h5>Forslag til Den Fælles Nordjyske Klimaambition</h5>"
                    '<p class="attachment-ref">Der foreligger nu et forslag til Den Fælles Nordjyske '
                    "Klimaambition for de 11 kommuner og Region Nordjylland, gældende for perioden 2021-23. "
                    "Forslaget har været sendt til de aktører/organisationer, der er nævnt i strategien med "
                    "henblik på at indsamle og indarbejde eventuelle kommentarer og inputs.</p>"
                    "<p>Kommunaldirektørkredsen har på møde den 22. januar 2021 behandlet Klimaambitionen og "
                    "havde en række bemærkninger hertil. Bemærkningerne er ligeledes indarbejdet i det "
                    "udkast, som nu forelægger til politisk behandling.</p>"
                    "<p>Hovedformålet med Den Fælles Nordjyske Klimaambition er at binde de ambitiøse "
                    "nordjyske klimaindsatser sammen og skabe en rød tråd gennem indsatserne. Klimambitionen "
                    "skal med andre ord skabe en ramme for den grønne omstilling i Nordjylland, så vi "
                    "bevæger os i samme retning, og så klimadagsordenen ryger til tops på den nordjyske "
                    "politiske scene.</p>"
                    "<p>Da vi allerede har en række fælles igangværende mål, indsatser og planer på det "
                    "grønne område, skal vi i første omgang ikke nødvendigvis opfinde nye fælles indsatser, "
                    "men derimod mindske uhensigtsmæssig parallelaktivitet og løbende prioritere i "
                    "indsatserne. Vi sammenbinder således de klimaindsatser, vi allerede arbejder med, i en "
                    "samlet nordjysk fortælling om det, vi gør sammen – og sikrer politisk og administrativt "
                    "ejerskab til dem.</p>"
                    "<p>Klimaambitionen tager afsæt i tre overordnede pejlemærker, der er udformet som "
                    "statements. De er alle tre retningsgivende for de fokusområder, som strategien er "
                    "udmøntet i. Pejlemærkerne skal derfor betragtes som en overligger for de ambitiøse "
                    "nordjyske mål og som rettesnor for både eksisterende og fremtidige regionale "
                    "samarbejder:</p>"
                    "<ul>"
                    "<li>I Nordjylland vil vi sikre ressourcer til de kommende generationer</li>"
                    "<li>I Nordjylland vil vi dyrke synergierne og skabe sammenhæng på tværs</li>"
                    "<li>I Nordjylland vil vi gøre den grønne omstilling til en vækstdriver for nordjyske "
                    "virksomheder.</li>"
                    "</ul>"
                    "<p>Med dette in mente er der identificeret og udvalgt fem strategiske fokusområder, som "
                    "skal bidrage til at sikre, at vi sammen når de ambitiøse mål i eksisterende og kommende "
                    "indsatser i Nordjylland – og bidrager til at nå nationale og internationale "
                    "målsætninger:</p>"
                    "<ul>"
                    "<li>Vidensdeling og governance</li>"
                    "<li>DK2020 - klimahandlingsplaner</li>"
                    "<li>Mobilitet</li>"
                    "<li>Grøn Energi</li>"
                    "<li>Grøn Vækst.</li>"
                    "</ul>"
                    "<p>Samtlige fokusområder afspejler desuden alle de tre overordnede pejlemærker. Således "
                    "bidrager de alle til at sikre ressourcer til kommende generationer, dyrke sammenhængen "
                    "på tværs og skabe grobund for grøn vækst i nordjyske virksomheder.</p>"
                    "<p>Ovenstående er uddybet i vedlagte udkast til klimaambition.</p>"
                    "<h5>Videnspakken</h5>"
                    "<p>Som led i at sikre størst mulig sammenhæng på området er der udarbejdet en "
                    "videnspakke, som kortlægger aftaler og strategier, organisationer og netværk samt "
                    "øvrige udvalgte indsatser på klimaområdet på europæisk, nationalt og regionalt niveau – "
                    "og er en del af den nordjyske indsats.</p>"
                    "<p>Videnspakken tydeliggør, at klimaområdet er præget af mange aktører med stor vilje "
                    "til at igangsætte nye tiltag, som kan være med til at løse nogle af "
                    "klimaudfordringerne. Mange af aktørerne har desuden defineret konkrete og ambitiøse "
                    "målsætninger for dette arbejde. I videnspakken er der som udgangspunkt linket "
                    "aktørernes mål, strategier og planer, så den får karakter af et opslagsværk. I "
                    "videnspakken findes desuden en oversigt over relevante tematikker og mulige "
                    "handlingsrum for kommuner og Region.</p>"
                    "<p>Videnspakken har således til formål at sikre et veloplyst fundament for det fælles "
                    "strategiske arbejde og er vedlagt som bilag til Den Fælles Nordjyske Klimaambition.</p>"
                    "<h5>Eksempler på mål og handlinger</h5>"
                    "<p>Den Fælles Nordjyske Klimaambition skal være det regionale afsæt for at prioritere "
                    "den grønne dagsorden i form af konkrete handlinger i kommuner og region. Der er brug "
                    "for forskellige handlinger for at nå de ambitiøse mål, der er sat indenfor eksisterende "
                    "samarbejder og netværk – i forhold til strategiens fokusområder. Nedenfor er nævnt et "
                    "par eksempler.</p>"
                    "<p>Målsætningsmæssigt har vi i Nordjylland med det fælles initiativ Grøn Energi "
                    "Nordjylland sat en høj ambition med udarbejdelse af en fælles strategisk energiplan, "
                    "der skal føre frem til, at vi i Nordjylland allerede i 2040 er selvforsynende med "
                    "vedvarende energi i 2040. Denne ambitiøse målsætning kan kun opnås ved at udnytte "
                    "Nordjyllands styrkepositioner inden for energi i et samspil mellem vidensinstitutioner, "
                    "erhvervsliv og erhvervsfremmeaktører, så der samtidig skabes vækst og grønne "
                    "arbejdspladser. Det er afgørende for en hurtig omstilling, at borgerne og foreningerne "
                    "i regionen deltager i og tager ejerskab til den grønne omstilling. Som Danmarks grønne "
                    "energiregion vil Nordjylland yde et væsentlig bidrag til at reducere drivhusgasser og "
                    "understøtte nationale og internationale klimamålsætninger.</p>"
                    "<p>Green Hub Denmark faciliterer grøn omstilling i samarbejde med virksomheder, "
                    "forsyningsselskaber, uddannelsesinstitutioner, kommuner og borgere for at øge vækst og "
                    "beskæftigelse og samtidig være med til, at der tiltrækkes grønne investeringer til "
                    "Nordjylland. Målet for Green Hub Denmark er at gøre Nordjylland til et af verdens "
                    "førende testcentre for grøn omstilling for virksomheder og andre aktører, der har "
                    "ambitioner om og idéer til bæredygtige løsninger, som kan være katalysatorer for "
                    "erhvervsudviklingen i Nordjylland. Midlet er bl.a. Green Hub Denmarks Task Forces, der "
                    "samler interessenter med henblik på at samskabe projekter og løsninger, der kan bidrage "
                    "til at komme i mål med regeringens 70 pct. CO2 reduktionsmål. Som et eksempel på et "
                    "projekt kan nævnes ”På Brint Over Fjorden”, hvor det i samarbejde med de enkelte "
                    "kommuner undersøges, hvordan flere af færgerne, der sejler på Limfjorden, kan ombygges "
                    "til at sejle på lokalt produceret brint og derved omstilles til grønne drivmidler.</p>"
                    "<p>Den fælles Masterplan for Bæredygtig Mobilitet har en målsætning om at reducere "
                    "udslip fra transporten til gavn for både klima og miljø. I den tilhørende handlingsplan "
                    "anvendes en bred vifte af virkemidler for at nå i mål, herunder handlinger der "
                    "understøtter en grøn omstilling og transportvaner, der skubbes i en mere bæredygtig "
                    "retning. Blandt handlingsplanen muligheder findes en strategisk indsats: ”Fremme af "
                    "aktive transportformer og delt transport”. Til denne strategiske indsats er knyttet en "
                    "handling, der hedder ”dør-til-dør-rejser”, som har til formål at fremme "
                    "kombinationsrejser: ”Det skal være nemt at kombinere flere transportmidler for at kunne "
                    "konkurrere med privatbilen. Skiftet skal gøres enkelt og fleksibelt”. På den baggrund "
                    "gennemfører Nordjyllands Trafikselskab, Region Nordjylland, Nordjyske Jernbaner, "
                    "Frederikshavn og Hjørring Kommuner et samarbejde om at øge passagergrundlaget i de "
                    "Nordjyske tog yderligere ved at skabe endnu bedre muligheder for at kombinere tog og "
                    "cykel. Dermed har projektet fokus på at forbedre cykelparkeringsforholdene på de to "
                    "lokalbanestrækninger: Hirtshalsbanen og Skagensbanen og støttes af Bygge- og "
                    "Boligstyrelsen.</p>"
                    "<h5>Den politiske behandling af Klimaambitionen</h5>"
                    "<p>Den Fælles Klimaambition behandles på KKR-mødet den 5. februar 2021 og på "
                    "BRN-bestyrelsesmødet den 12. februar 2021 med henblik på godkendelse.</p>"
                    "<p>BRN har en koordinerende politisk rolle i forhold til arbejdet med DK2020, Grøn "
                    "Energi samt bevillinger til Green Hub Denmark og andre grønne initiativer med henblik "
                    "på at sikre en bred forankring af indsatserne i hele regionen.</p>"
                    "<p>Efter den politiske behandling i KKR og BRN-bestyrelsen er planen, at "
                    "Klimaambitionen udsendes til politisk behandling i de 11 kommuner og Regionen.</p>"
                    "<p>Det foreslås, at KKR Nordjylland har en opmærksomhed på, hvorledes der kan opnås "
                    "politisk ejerskab til Klimaambitionen i de nordjyske kommuner.</p>"
                ),
                "attachments": [
                    "Udkast til Den Fælles Nordjyske Klimaambition 2021-23",
                ],
            },
            {
                "title": "Resultatkontrakt mellem Erhvervshus Nordjylland og KKR Nordjylland",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": (
                    "<p>Den nationale rammeaftale for erhvervshusene mellem Kommunernes Landsforening og "
                    "Erhvervsministeriet sætter de overordnede rammer for den årlige resultatkontrakt mellem "
                    "KKR Nordjylland og Erhvervshus Nordjylland, herunder en række nationale mål, som er "
                    "gældende for erhvervshusene i hele landet.</p>"
                    "<p>Den nationale rammeaftale er treårig gældende for perioden 2021-23.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland godkender Resultatkontrakt 2021 mellem KKR "
                    "Nordjylland og Erhvervshus Nordjylland.</p>"
                ),
                "presentation": (
                    "<p>Den Nationale Rammeaftale mellem KL og Erhvervsministeriet er nu formelt faldet på "
                    "plads. Det er sket efter dialogmødet mellem Erhvervshus Nordjylland og KKR Nordjylland "
                    "den 15. januar 2021. Det betyder, at der er indarbejdet nogle ændringer i den "
                    "Resultatkontrakt, der nu foreligger til KKR Nordjylland godkendelse.</p>"
                    "<p>De væsentligste ændringer i Resultatkontrakten er:</p>"
                    "<ul>"
                    "<li>Tilføjelse af et mål om, at erhvervshusene i 2021 fortsat skal understøtte "
                    "virksomhedernes brug for hjælp i forbindelse med. coronakrisen og anvendelse af "
                    "nationale hjælpepakker (nationalt mål 5)</li>"
                    "<li>Tekstmæssig tilføjelse om, at erhvervshusenes formænd løbende skal orientere KKR om "
                    "samarbejdet med Danmarks Erhvervsfremmebestyrelse (f.eks. i forhold til fyrtårne, "
                    "strategi og prioritering af midler)</li>"
                    "<li>At erhvervshusene skal samarbejde med kommunerne om at møde lokale virksomhedsbehov "
                    "og ønsker til erhvervsudvikling (indarbejdet i regionalt mål 10).</li>"
                    "</ul>"
                    "<p>Udarbejdelsen af Resultatkontrakten 2021 mellem KKR Nordjylland og Erhvervshus "
                    "Nordjylland er sket i Erhvervshus Nordjylland og KKR-sekretariatet med input fra en "
                    "tværgående arbejdsgruppe.</p>"
                    "<p>Arbejdsgruppen har bestået af to kommunaldirektører, to erhvervsdirektører fra "
                    "lokale erhvervskontorer, BRN-sekretariatet, KKR-sekretariatet og repræsentanter fra "
                    "Erhvervshus Nordjylland.</p>"
                    "<p>Herudover har der som bekendt været afholdt et dialogmøde mellem KKR Nordjylland og "
                    "Erhvervshus Nordjyllands bestyrelse, primært med fokus på de lokale mål. På dialogmødet "
                    "var der enighed om de prioriteter, der ligger i udkast til Resultatkontakten 2021.</p>"
                    "<p>De lokale mål tager udgangspunkt i tværkommunale erhvervsforhold, virksomhedernes "
                    "behov og tværkommunale prioriteringer på erhvervsfremmeområdet i Nordjylland. Fælles "
                    "for alle mål for Erhvervshus Nordjylland - inkl. de nationale mål - er, at de skal "
                    "understøtte Erhvervshusets formål og være rettet mod virksomhedernes behov.</p>"
                    "<p>Der er foreslået følgende regionale mål for 2021:</p>"
                    "<ul>"
                    "<li>Mål 9 - Styrket regional strategi og styrket indsats</li>"
                    "<li>Mål 10 - Styrket regionalt samarbejde</li>"
                    "<li>Mål 11 - Grøn omstilling og cirkulær økonomi</li>"
                    "<li>Mål 12 - Specialiseret vejledning til Erhvervshusenes forskellige målgrupper.</li>"
                    "</ul>"
                    '<p class="attachment-ref">De enkelte mål er uddybet i Resultatkontrakten.</p>'
                    '<p class="attachment-ref">Den nationale Rammeaftale er desuden vedlagt.</p>'
                ),
                "attachments": [
                    "Resultatkontrakt 2021 mellem KKR Nordjylland og Erhvervshus Nordjylland",
                    "Den nationale rammeaftale for erhvervshusene 2021-23",
                ],
            },
            {
                "title": "Pædagogdimensionering 2021-2022",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": (
                    "<p>KKR Nordjylland skal i lighed med tidligere år afgive indstilling til "
                    "Undervisningsministeriet om antallet af uddannelsespladser på pædagoguddannelsen i "
                    "Nordjylland for studieåret 2021/2022.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland:</p>"
                    "<ul>"
                    "<li>Fastholder det nuværende antal af uddannelsespladser og godkender en dimensionering "
                    "på 517 studerende for studieåret 2021/2022</li>"
                    "<li>Fastholder nuværende fordeling mellem specialiseringsretninger .</li>"
                    "</ul>"
                ),
                "presentation": (
                    "<p>KKR Nordjylland har til opgave at dimensionere pædagoguddannelsen, "
                    "SOSU-uddannelserne og PAU-uddannelsen i Nordjylland. KKR spiller en rolle i forhold til "
                    "at sikre, at dimensioneringen af pædagoguddannelsen afspejler kommunernes behov, og at "
                    "kommunerne og Region Nordjylland stiller det aftalte antal praktikpladser til rådighed "
                    "for UCN.</p>"
                    "<p>Kommunerne har som arbejdsgivere en fælles interesse i at få uddannet kvalificerede "
                    "medarbejdere til kommunen og veluddannede borgere, som kan være med til at sikre "
                    "væksten i kommunerne.</p>"
                    '<p class="attachment-ref">I Nordjylland har processen omkring pædagogdimensioneringen '
                    "været i gang siden efteråret 2020. Udover indsamling af inputs fra kommunerne er "
                    "afholdt møde i sparringsgruppen på pædagogområdet, som har til opgave at kvalificere og "
                    "samle op på det eksisterende materiale, der kan lægges til grund for en anbefaling til "
                    "KKR Nordjylland i forbindelse med dimensioneringsprocessen. I sparringsgruppen sidder "
                    "repræsentanter fra kommunerne (på klyngebasis), Region Nordjylland, SL, BUPL, "
                    "ankerkommunen og KKR-sekretariatet. Sparringsgruppen har sammenskrevet et notat, med en "
                    "administrativ anbefaling til den kommende dimensionering. DAS på socialområdet har "
                    "givet deres inputs til notatet og den administrative anbefaling heri.</p>"
                    "<p>Børne- og Ungedirektørkredsen har på deres møde den 28. januar 2021 drøftet den "
                    "forestående dimensionering sammen med repræsentanter fra hhv. BUPL, SL og UCN.</p>"
                    "<p>Den administrative anbefaling er at fastholde det nuværende antal af "
                    "uddannelsespladser for det kommende studieår, dvs. på 517 studerende. Dette skal bl.a. "
                    "ses i lyset af at KKR Nordjylland godkendte en 5 pct. opdimensionering på deres møde "
                    "den 7. februar 2020.</p>"
                    "<p>KL’s fremskrivning af efterspørgsel efter pædagogisk arbejdskraft viser, at der i "
                    "Nordjylland over det kommende år vil være en vis grad overproduktion af pædagogisk "
                    "arbejdskraft. Samtidig viser Arbejdsmarkedsbalancen fra AMK-Midt/Nord, at "
                    "pædagogområdet i Nordjylland ikke er præget af rekrutteringsudfordringer.</p>"
                    "<p>Demografisk er der visse forskelle på de nordjyske kommuner, hvor det især er "
                    "Aalborg og Rebild Kommune, der oplever tilvækst i børne- og ungealdersgruppen, men "
                    "samtidig står de andre kommuner overfor en uændret situation eller en nedgang i samme "
                    "aldersgruppe.</p>"
                    "<p>Imidlertid er der visse tegn på visse rekrutteringsudfordringer på socialområdet, "
                    "hvor der på tværs af parterne er igangsat diverse tiltag for at modvirke disse. Det er "
                    "vigtigt at følge den udvikling nøje for at sikre, at socialområdet ikke bliver presset "
                    "på arbejdskraftsmuligheder fremadrettet. Der er samtidig også fokus på pædagoger på "
                    "ældreområdet.</p>"
                    "<p>Aftalen om minimumsnormeringer vil alt andet lige få en betydning for fremtidige "
                    "dimensioneringsprocesser, selvom den pt. endnu ikke er fuldt udmøntet. Følgelig må der "
                    "på nuværende tidspunkt tages forbehold for at bruge aftalen som grundlag i forhold til "
                    "vurderingen af dimensioneringen af pædagoguddannelsen på UCN for 2021/2022.</p>"
                    "<h5>Ekstrapladser – pga. COVID-19 situationen</h5>"
                    "<p>I forbindelse med COVID-19 situationen indgik regeringen og de øvrige partier en "
                    "aftale om, at der skulle oprettes 4.500 ekstra studiepladser på de videregående "
                    "uddannelser i 2020 og 2021, samt en ambition om at specifikt øge antallet af "
                    "studiepladser på velfærdsuddannelserne med 500 pladser på landsplan. Efter en hurtig "
                    "proces i kommunerne lige op til sommeren 2020 blev det aftalt, at de nordjyske kommuner "
                    "godkendte, at der ekstraordinært blev etableret 38 ekstra studiepladser på "
                    "pædagoguddannelsen for studieåret 2020/2021 eller en de facto opdimensionering på ca. 7 "
                    "pct. for det ene studieår.</p>"
                ),
                "attachments": [
                    "Sparringsgruppens notat om pædagogdimensionering 2021-2022",
                ],
            },
            {
                "title": "Praksisplan for almen praksis",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": (
                    "<p>Praksisplanudvalget skal i hver valgperiode udarbejde en praksisplan vedrørende "
                    "almen praksis. Praksisplanudvalget har den 10. december 2020 godkendt, at en ny "
                    "nordjysk praksisplan sendes til godkendelse hos kommunalbestyrelserne, regionsrådet og "
                    "PLO. Denne godkendelsesproces igangsættes primo februar 2021, da en del af planen "
                    "afventer regional færdigbehandling.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"
                ),
                "presentation": (
                    "<p>Ifølge Sundhedsloven skal Praksisplanudvalget i hver valgperiode udarbejde en "
                    "praksisplan vedrørende almen praksis. Praksisplanen er et centralt samarbejds- og "
                    "planlægningsværktøj mellem region, kommuner og praktiserende læger, der beskriver, "
                    "hvilke opgaver almen praksis skal varetage samt snitflader til det øvrige "
                    "sundhedsvæsen. Derudover skal praksisplanen bidrage til at sikre, at den nødvendige "
                    "lægedækning er til stede i alle regionens områder.</p>"
                    "<p>Udviklingen af en ny praksisplan blev forsinket pga. COVID-situationen, men efter en "
                    "høringsperiode hos bl.a. kommunerne og rådgivning hos Sundhedsstyrelsen, godkendte "
                    "Praksisplanudvalget den 10. december 2020 en ny praksisplan. Endelig godkendelse af "
                    "Praksisplanen hos de 11 nordjyske kommunalbestyrelser, regionsrådet samt PLO forventes "
                    "igangsat primo februar 2021, da en del af planen forinden skal færdigbehandles politisk "
                    "i regionalt regi. Det har derfor ikke været muligt at medsende den endelige praksisplan "
                    "som bilag.</p>"
                    "<h5>Praksisplanens indhold</h5>"
                    "<p>Planen tager udgangspunkt i samme vision som Sundhedsaftalen 2019: Nordjyderne "
                    "bliver sundere og oplever et sammenhængende og effektivt sundhedsvæsen, der er til for "
                    "dem. Samtidig har praksisplanen særlig fokus på de samme målgrupper som "
                    "sundhedsaftalen: Børn og unge med særlig udfordringer, borgere med psykisk sygdom samt "
                    "borgere med kroniske sygdomme og/eller komplekse problemstillinger.</p>"
                    "<p>Med henblik på at indfri visionen indeholder planen fem pejlemærker med "
                    "underliggende målsætninger:</p>"
                    "<ol>"
                    "<li>Styrke nære relationer: Pejlemærkets målsætninger omhandler tydelighed om "
                    "behandlingsansvar, samt styrket kendskab, samarbejde og kommunikation mellem "
                    "sundhedsområdets aktører</li>"
                    "<li>Sikre målrettede indsatser til de patienter, der har størst behov: Pejlemærkets "
                    "målsætninger omhandler børn og unge med trivselsudfordringer, kommunikation på "
                    "psykiatriområdet, bedre forløb for sårbare borgere og borgere med psykiske eller "
                    "kroniske sygdomme, samt øget brug af opfølgende hjemmebesøg</li>"
                    "<li>Udvikle og fastholde den faglige kvalitet: Pejlemærkets målsætninger omhandler "
                    "videreudvikling af patient- og pårørendeinddragelse, kvalitetsklyngernes arbejde samt "
                    "forbedret medicinhåndtering</li>"
                    "<li>Sikre hurtigere og nemmere adgang til almen praksis : Pejlemærkets målsætninger "
                    "omhandler tilgængelighed til almen praksis og lige adgang for alle borgere, samt "
                    "afprøvning af digitale løsninger</li>"
                    "<li>Styrke proaktivt samarbejde om lægedækningen: Pejlemærkets målsætninger omhandler "
                    "samarbejde om at sikre lægedækning, uddannelse i almen praksis samt rekruttering og "
                    "fastholdelse af speciallæger i almen medicin.</li>"
                    "</ol>"
                    "<p>Planen indeholder derudover kommuneprofiler vedrørende lægedækningen i hver af de "
                    "nordjyske kommuner.</p>"
                ),
                "attachments": [],
            },
            {
                "title": "De fælleskommunale sekretariater – regnskab 2020 og budget 2021",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": (
                    "<p>KKR Nordjylland har i lighed med de øvrige fire KKR i landet et fælleskommunalt "
                    "sekretariat på henholdsvis sundhedsområdet og det specialiserede socialområde.</p>"
                    '<p class="attachment-ref">Der foreligger nu regnskaber for 2020 samt budgetter for 2021 '
                    "for de to fælleskommunale sekretariater, som skal godkendes i KKR.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland godkender regnskab 2020 og budget 2021 for de "
                    "fælleskommunale sekretariater.</p>"
                ),
                "presentation": (
                    "<p>I de fælleskommunale sekretariater på sundhedsområdet og socialområdet har 2020 "
                    "ligesom i resten af samfundet været et år i epidemiens tegn. Det betyder, at "
                    "regnskaberne for begge sekretariater afspejler et år, hvor der har været et "
                    "mindreforbrug i forhold til de variable omkostninger særligt i forhold til deltagelse i "
                    "og afholdelse af arrangementer, transportomkostninger samt det daglige kontorhold. "
                    "Forretningsudvalgene har valgt at bruge dette som en mulighed for at prioritere "
                    "midlerne til styrket udvikling og fælles initiativer på de to fælleskommunale områder i "
                    "2021.</p>"
                    "<h5>Det fælleskommunale Sundhedssekretariat</h5>"
                    "<p>Regnskabet for 2020 viser et mindreforbrug på 588.000 kr., som primært kan "
                    "tilskrives de ekstraordinære omstændigheder i 2020.</p>"
                    "<p>Midlerne overføres til 2021 og prioriteres hovedsageligt til to større poster, samt "
                    "én mindre. Den første er en pulje på 200.000 kr. til data-arbejde inden for "
                    "Sundhedsaftalen samt vederlagsfri fysioterapi. På begge områder har der i 2020 været en "
                    "efterspørgsel på styrket datamateriale – bl.a. i de kommunale høringssvar til ny "
                    "praksisplan for fysioterapi.</p>"
                    "<p>Den anden pulje er 243.000 kr. til FU-godkendte initiativer. Der opstår løbende "
                    "større eller mindre opgaver med følgende udgifter, som Sundhedsdirektørernes "
                    "Forretningsudvalg kan vælge at prioritere ind på budgettet. Desuden kan posten agere "
                    "buffer i tilfælde af, at der skulle blive ekstraudgifter grundet personalemæssige "
                    "forhold.</p>"
                    "<p>Den resterende del af de overførte midler er afsat til udmøntning af Sundhedsaftalen "
                    "2021-2022.</p>"
                    "<p>Sundhedsdirektørernes Forretningsudvalg har godkendt regnskab og budget for "
                    "sekretariatet.</p>"
                    "<h5>Sekretariatet for Nordjysk Socialaftale</h5>"
                    "<p>Regnskabet for 2020 viser et mindreforbrug på ca. 370.000 kr., hvilket primært "
                    "skyldes de ekstraordinære omstændigheder i 2020.</p>"
                    "<p>Midlerne overføres til 2021, og størstedelen af de overførte midler – 300.000 kr. – "
                    "anvendes til FU-godkendte initiativer. Derudover er der afsat midler til afholdelse af "
                    "arrangementer og udmøntning af Nordjysk Socialaftale 2021-2022, dog er budgettet for "
                    "2021 generelt justeret til en forventning om nedsat aktivitet i forhold til fysiske "
                    "møder, transport, kurser og arrangementer.</p>"
                    "<p>I forhold til anvendelse af puljen ”FU godkendte initiativer” har FU flere konkrete "
                    "forslag hertil. Det undersøges pt., om man skal tilkøbe konsulentydelser til at "
                    "monitorere udgiftsniveauet på det specialiserede socialområde i Nordjylland, så man kan "
                    "udpege fælles indsatsområder. DAS drøfter dette forslag den 20. januar 2021. "
                    "Alternative forslag er fælles udviklingsprojekter og samarbejde med UCN eller AAU i "
                    "forhold til specifikke undersøgelser og opjustering af viden på det specialiserede "
                    "socialområde. Der er endvidere en mindre buffer i budgettet i tilfælde af, at der "
                    "skulle blive ekstraudgifter grundet personalemæssige forhold.</p>"
                    "<p>Socialdirektørernes Forretningsudvalg har godkendt regnskab og budget for "
                    "sekretariatet.</p>"
                    "<p>Kommunaldirektørkredsen har behandlet sagen og anbefaler, at KKR Nordjylland "
                    "godkender regnskab 2020 og budget 2021 for de to sekretariater.</p>"
                ),
                "attachments": [
                    "Regnskab 2020 og budget 2021 for de fælleskommunale sekretariater",
                ],
            },
            {
                "title": "Børnehus Nord – Budget og takster for 2021",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": (
                    "<p>Aalborg Kommune er driftsherre i Region Nordjylland for Børnehus Nord, som åbnede i "
                    "2013. Børnehuset henvender sig til børn og unge i alderen 0 til 18 år, som har været "
                    "udsat for seksuelle overgreb og/eller fysisk vold, eller hvor der er mistanke om "
                    "det.</p>"
                    "<p>Det overordnede formål med et børnehus er at samle indsatserne i forbindelse med "
                    "børn og unge, der udsættes for overgreb, eller hvor der er mistanke om det. Dette skal "
                    "sikre en koordineret og skånsom tværfaglig indsats over for det enkelte barn og sikre "
                    "en ensartet høj kvalitet i indsatsen i hele landet.</p>"
                    "<p>KKR Nordjylland orienteres om budget og takster for 2021.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"
                ),
                "presentation": (
                    "<p>Der har i 2020 været en mindre stigning i sagstallet i forhold til det budgetterede "
                    "antal på 210. På den baggrund fastsættes sagstallet til 225 i 2021.</p>"
                    "<p>Det samlede budget for Børnehus Nord stiger med 255.000 kr. i 2021. Herfra skal "
                    "modregnes et overskud fra tidligere år på 28.213 kr., således at den samlede "
                    "budgetudvidelse bliver på 226.787 kr. Stigningen i budgettet begrundes primært med:</p>"
                    "<ul>"
                    "<li>Stigning i sagstallet</li>"
                    "<li>Løn- og prisfremskrivning</li>"
                    "<li>En mindre normeringsudvidelse på den administrative del</li>"
                    "<li>Mindreudgifter på bygningsdrift samt afskrivninger og forrentning.</li>"
                    "</ul>"
                    "<p>Driften af Børnehus Nord er dels objektiv finansieret og takstfinansieret.</p>"
                    '<p class="attachment-ref">Den objektive finansiering stiger i 2021 med netto på 136.072 '
                    "kr., da der er modregnet et overskud på 16.928 kr. fra 2019. I bilaget fremgår "
                    "fordelingen mellem de enkelte kommuner.</p>"
                    '<p class="attachment-ref">Taksten falder fra 13.491 kr. til 12.995 kr., svarende til '
                    "496 kr. For yderligere beskrivelse se bilag med budget for 2021 samt bilag med "
                    "ændringen i den objektive finansiering.</p>"
                ),
                "attachments": [
                    "Børnehus Nord – ændringen i den objektive finansiering 2021",
                    "Børnehus Nord – budget for 2021",
                ],
            },
            {
                "title": "Etablering af Passagerråd i KKR-geografierne",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": (
                    "<p>For at styrke passagernes stemme i den kollektive trafik har Forbrugerrådet Tænk via "
                    "Passagerpulsen i efteråret 2020 fået Folketingets opbakning og bevilling til at oprette "
                    "et Passagerråd i hver af landets fem regioner.</p>"
                    "<p>Passagerrådets medlemmerne kan give input til politikerne og trafikselskaberne om, "
                    "hvad der skal til for at opnå en attraktiv, bruger- og klimavenlig kollektiv trafik i "
                    "fremtiden.</p>"
                    "<p>For at sikre formålet med Passagerrådene samt den nødvendige kommunikation med "
                    "relevante parter etableres en følgegruppe for hvert Passagerråd. Følgegruppens "
                    "sammensætning spejler medlemmerne i Passagerrådet og udpeges af de relevante "
                    "organisationer. Her har de fem KKR’er mulighed for at udpege en (administrativ) "
                    "repræsentant til følgegruppen ved det regionale Passagerråd.</p>"
                    "<p>Der lægges i sagen op til, at der udpeges en administrativ repræsentant fra KKR "
                    "Nordjylland som medlem til følgegruppen for det regionale Passagerråd</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland</p>"
                    "<ul>"
                    "<li>Drøfter sagen og beslutter, at kommunaldirektørkredsen i Nordjylland finder en "
                    "administrativ repræsentant til følgegruppen.</li>"
                    "</ul>"
                ),
                "presentation": (
                    "<h5>Passagerrådets formål</h5>"
                    "<p>Formålet med Passagerrådene er at styrke passagerernes stemme i udviklingen af den "
                    "kollektive trafik for alle. I den forbindelse skal der være særligt fokus på at "
                    "forbedre mobiliteten og dermed også sammenhængen i den offentlige trafik, herunder "
                    "sammenhængen mellem offentlig trafik og øvrige transportformer.</p>"
                    "<p>Der er ikke nogen direkte økonomiske bindinger i samarbejdsaftalen, men som part er "
                    "man forpligtet til vidensdeling og videreformidling af Passagerrådenes input, behov og "
                    "anbefalinger til egen organisation og evt. andre aktører, så der drages størst mulig "
                    "nytte af Passagerrådenes arbejde, således at det kommer til at indgå i parternes "
                    "beslutningsprocesser.</p>"
                    "<p>Endvidere forpligter parterne sig til at give tilbagemelding til Passagerrådene om, "
                    "hvordan sådant input er blevet brugt i parternes beslutningsprocesser.</p>"
                    "<h5>Medlemmer i Passagerrådet</h5>"
                    "<p>Passagerrådet får cirka 19 medlemmer. Antallet kan variere fra region til region. "
                    "Halvdelen af medlemmerne i rådet bliver udpeget efter dialog med "
                    "interesseorganisationer og pendlerrepræsentanter. Resten udvælges blandt interesserede "
                    "passagerer. Udvælgelsen af medlemmer blandt passagerer sker ud fra en række kriterier, "
                    "så Passagerrådet bliver repræsentativt.</p>"
                    "<h5>Følgegruppe</h5>"
                    "<p>Der etableres en følgegruppe for hvert Passagerråd, bestående af en person fra hver "
                    "af parterne omkring Passagerrådene. Parterne udpeger selv et medlem til følgegruppen. "
                    "Følgegruppen mødes efter behov. Passagerpulsen har ansvar for indkaldelse til "
                    "møderne.</p>"
                    "<h5>Samarbejdsaftale</h5>"
                    '<p class="attachment-ref">Som ramme for Passagerrådene og følgegrupperne indgås via det '
                    "enkelte KKR en samarbejdsaftale med Passagerpulsen hos Forbrugerrådet Tænk.</p>"
                    "<p>Der er allerede etableret et Passagerråd i Region Hovedstaden og forventningen er, "
                    "at de andre fire Passagerråd kommer på plads i løbet af 2021.</p>"
                ),
                "attachments": [
                    "Samarbejdsaftale mellem KKR og Passagerpulsen hos Forbrugerrådet Tænk",
                ],
            },
            {
                "title": "Orientering om rammeaftale om danskuddannelse til voksne udlændinge",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": (
                    "<p>Der er i 2017 indført pligt til, at kommunalbestyrelserne i hver region udarbejder "
                    "en regional rammeaftale om danskuddannelse til voksne udlændinge mindst hvert fjerde "
                    "år. Den første regionale rammeaftale skal være indgået senest den 1. juli 2021.</p>"
                    "<p>Formålet med rammeaftalen er, at kommunerne i regionen koordinerer og samarbejder om "
                    "at tilbyde omkostningseffektiv danskuddannelse til voksne udlændige af høj kvalitet.</p>"
                    "<p>Rammeaftalen skal beskrive de tilbud om danskuddannelse, der gives inden for "
                    "regionen samt beskrive den forventede udvikling, herunder i kursistgrundlaget. "
                    "Rammeaftalen skal herudover beskrive mulighederne for tværkommunalt samarbejde på "
                    "danskuddannelsesområdet i regionen, eksempelvis fælles udbudsrunder.</p>"
                ),
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"
                ),
                "presentation": (
                    "<p>Udlændinge- og integrationsministeren har i efteråret 2020 angivet tre nationalt "
                    "fastsatte temaer, der skal indgå i de fem regionale rammeaftaler:</p>"
                    "<ul>"
                    "<li>Branche og virksomhedsrettet danskuddannelse</li>"
                    "<li>Det pædagogiske tilsyn</li>"
                    "<li>Udbud af danskuddannelse – med særligt fokus på sikring af undervisningens "
                    "kvalitet.</li>"
                    "</ul>"
                    "<p>Rammeaftalen kan desuden behandle supplerende kommunale temaer inden for "
                    "danskuddannelsesområdet.</p>"
                    "<p>Kommunerne får med rammeaftalen mulighed for at styrke det tværkommunale samarbejde "
                    "om danskuddannelse i regionen for at sikre:</p>"
                    "<ul>"
                    "<li>De rette tilbud og et tilstrækkelig kursistgrundlag</li>"
                    "<li>Bedre sammenhæng mellem pris og kvalitet.</li>"
                    "</ul>"
                    "<p>Rammeaftalerne ændrer ikke ved, at det fortsat er den enkelte kommune, der har "
                    "ansvaret for at tilbyde danskuddannelse til voksne udlændinge med bopæl i kommunen, "
                    "ligesom de ikke ændrer ved, at kommunalbestyrelser kun kan overlade "
                    "danskuddannelsesopgaven til private aktører, hvis der er indgået en driftsaftale, og at "
                    "den driftsansvarlige kommune har tilsynsansvaret.</p>"
                    "<p>Har kommunerne eksisterende aftaler, der rækker ud over den 1. juli 2021, vil de "
                    "fortsætte som hidtil.</p>"
                    "<h5>Proces for udarbejdelse af rammeaftalen</h5>"
                    "<p>Der er lagt op til, at Rammeaftalen udarbejdes af KKR-sekretariatet med input fra en "
                    "spørgeskemaundersøgelse til kommunerne faciliteret af KL. Spørgeskemaundersøgelsen er "
                    "gennemført med jobcenterchefkredsen som indgang – henover nytåret 2020-21.</p>"
                    "<p>Spørgsmålene afspejler således forskellige aspekter af kommunernes "
                    "danskuddannelsesopgave til voksne udlændinge, bl.a. i forlængelse af ministerens "
                    "temaer, herunder brugen af virksomhedsrettede tilbud, organisering/udbud og tilsyn med "
                    "videre.</p>"
                    "<p>KKR-sekretariatet forventer at bruge jobcenterchefkredsen som sparringspart i "
                    "processen med udarbejdelse af rammeaftalen.</p>"
                    "<p>Arbejdet med den regionale rammeaftale skal være færdigt med henblik på politisk "
                    "godkendelse i KKR Nordjylland på mødet den 23. april 2021. Efterfølgende vil "
                    "rammeaftalen i perioden maj - juni 2021 blive behandlet i kommunalbestyrelserne for "
                    "endeligt at blive indsendt til Styrelsen for International Rekruttering og Integration "
                    "i juni 2021.</p>"
                ),
                "attachments": [],
            },
            {
                "title": "Sexisme i kommunalpolitik",
                "case_number": "SAG-2021-00512",
                "case_handler": "hlth",
                "background": "",
                "recommendation": "<p>Det indstilles, at KKR Nordjylland drøfter sagen.</p>",
                "presentation": (
                    "<p>Sexisme forekommer i dag i kommunalpolitik. Det er derfor vigtigt at tage stilling "
                    "til, hvordan kommunerne fremadrettet forebygger og håndterer sexisme. Det er et svært "
                    "og følsomt tema at tage fat på.</p>"
                    "<p>Mange kommunalbestyrelser har allerede drøftet emnet lokalt.</p>"
                    '<p class="attachment-ref">KL har udarbejdet et inspirationsmateriale til brug for '
                    "drøftelser i kommunalbestyrelse og fagudvalg. Materialet indeholder en række temaer og "
                    "spørgsmål, som kommunalbestyrelserne kan tage afsæt i.</p>"
                    "<p>Desuden har KL oprettet en hotline, hvor man som kommunalpolitiker kan henvende sig, "
                    "hvis man har været udsat for grænseoverskridende seksuel adfærd, eller hvis man har "
                    "oplevet andre kommunalpolitikere blive det. Hotlinen vil kunne rådgive generelt om "
                    "handlemuligheder og regler.</p>"
                    "<p>Der lægges op til en drøftelse af, om der er behov for et samarbejde mellem de "
                    "nordjyske kommuner i forhold til, hvem man kan henvende sig til, hvis man som politiker "
                    "udsættes for sexisme.</p>"
                    "<p>KKR-formandskabet indleder sagen.</p>"
                ),
                "attachments": [
                    "KL’s inspirationsmateriale om sexisme i kommunalpolitik",
                ],
            },
        ],
    },
    {
        "title": "Udpegninger",
        "role": "appointments",
        "items": [
            {
                "title": "Udpegninger",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": "",
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland:</p>"
                    "<ul>"
                    "<li>Udpeger en stedfortræder for Vibeke Merete Gamst til KKR Nordjylland</li>"
                    "<li>Udpeger en ny stedfortræder til RAR Nordjylland.</li>"
                    "</ul>"
                ),
                "presentation": (
                    "<h5>KKR Nordjylland</h5>"
                    "<p>Karsten Frederiksen (C) er pr. den 31. december 2020 trådt ud af byrådet i "
                    "Brønderslev Kommune. Karsten Frederiksen træder som følge heraf også samtidig ud af KKR "
                    "Nordjylland i henhold til KKR’s forretningsorden samt KL’s love.</p>"
                    "<p>Som følge heraf indtræder Karsten Frederiksens stedfortræder, Vibeke Merete Gamst "
                    "(C) fra Aalborg Kommune, som medlem af KKR, og der skal derfor vælges en ny "
                    "stedfortræder for Vibeke.</p>"
                    "<p>Det indstilles, at Lene Aalestrup (C), byrådsmedlem i Rebild Kommune, udpeges til "
                    "posten.</p>"
                    "<h5>RAR Nordjylland</h5>"
                    "<p>Line Vanggaard Pedersen, byrådsmedlem i Brønderslev Kommune, er den 15. januar 2021 "
                    "trådt ud af Det Konservative Folkeparti og er nu løsgænger. Line er udpeget af KKR "
                    "Nordjylland som stedfortræder i RAR Nordjylland. Der er rettet henvendelse til blå blok "
                    "i forhold til at finde en ny stedfortræder.</p>"
                ),
                "attachments": [],
            },
        ],
    },
    {
        "title": "KKR",
        "items": [],
    },
    {
        "title": "Punkter til næste møde",
        "role": "next_meeting",
        "items": [
            {
                "title": "Punkter til næste møde",
                "case_number": "SAG-2021-00512",
                "case_handler": "hast",
                "background": "<p>Næste møde i KKR Nordjylland er planlagt til den 23. april 2021.</p>",
                "recommendation": (
                    "<p>Det indstilles, at KKR Nordjylland tager orienteringen til efterretning.</p>"
                ),
                "presentation": (
                    "<p>Den foreløbige sagsliste er:</p>"
                    "<ul>"
                    "<li>SOSU-dimmensionering</li>"
                    "<li>Rammeaftale om Danskuddannelse</li>"
                    "<li>Temadrøftelse rekruttering.</li>"
                    "</ul>"
                ),
                "attachments": [],
            },
        ],
    },
    {
        "title": "Eventuelt",
        "items": [],
    },
]

# The items planned for the next meeting, as listed in item 6.1 (without the list's final period).
NEXT_MEETING_ITEMS = ["SOSU-dimmensionering", "Rammeaftale om Danskuddannelse", "Temadrøftelse rekruttering"]
