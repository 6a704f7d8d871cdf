/**
 * Swedish texts of the provisioning error catalogue, keyed by the entry's code (provisioningErrorCatalog.ts);
 * a unit test keeps both tables on the same codes. Terms follow the Swedish Microsoft Entra admin
 * center: etablering (provisioning), karantän, omfång (scope), matchning, mappning.
 */
import type { ErrorTexts } from './provisioningErrorTexts';

const retry = 'Tjänsten försöker igen av sig själv i en senare cykel (cirka 40 minuter senare).';

export const swedishTexts: Readonly<Record<string, ErrorTexts>> = {
  Conflict: {
    title: 'Motstridigt objekt i målet',
    explanation: 'Målprogrammet har redan ett objekt vars unika värden (användarnamn, e-post, ...) krockar med det som etableras, och tjänsten matchade inte de två.',
    fix: 'Rätta de krockande värdena i Microsoft Entra ID eller i programmet. Om det befintliga kontot borde ha tagits över: ändra matchningsattributen så att det matchas.',
  },
  TooManyRequests: {
    title: 'Målprogrammet begränsar anropen',
    explanation: 'Målprogrammet avvisade begäran eftersom det tar emot fler anrop än det accepterar (HTTP 429).',
    fix: `Inget att göra om det inte består. ${retry}`,
  },
  InternalServerError: {
    title: 'Målprogrammet fick ett fel',
    explanation: 'Målprogrammet svarade med ett oväntat serverfel (HTTP 500); troligen ett problem på dess sida.',
    fix: `${retry} Om det fortsätter: be programmets leverantör eller ägare kontrollera sin tjänst.`,
  },
  InsufficientRights: {
    title: 'Inte tillåtet av målprogrammet',
    explanation: 'Tjänsten loggade in i målprogrammet, men kontot eller token som den använder får inte göra den här ändringen.',
    fix: 'Ge etableringskontot eller token de rättigheter som programmets installationsanvisning kräver (se programmets självstudie), och försök igen eller starta om etableringen.',
  },
  UnprocessableEntity: {
    title: 'Målprogrammet avvisade begäran',
    explanation: 'Målprogrammet gav ett oväntat svar (HTTP 422): dess konfiguration kan vara fel, eller så har det ett tjänsteproblem.',
    fix: 'Kontrollera programmets etableringskonfiguration och de skickade värdena (se händelsens ändrade egenskaper); kontakta leverantören om begäran ser riktig ut.',
  },
  WebExceptionProtocolError: {
    title: 'HTTP-protokollfel',
    explanation: 'Ett HTTP-protokollfel inträffade vid anslutningen till målprogrammet.',
    fix: `Inget att göra om det inte består. ${retry}`,
  },
  InvalidAnchor: {
    title: 'Tidigare länkat objekt finns inte längre',
    explanation: 'Ett objekt som tjänsten tidigare skapade eller matchade finns inte längre i målet, så länken den minns pekar ingenstans.',
    fix: 'Se till att objektet finns i målet. För att matcha alla objekt på nytt: starta om jobbet (det kör en fullständig inledande cykel och tömmer tjänstens cache, vilket kan ta tid).',
  },
  NotImplemented: {
    title: 'Åtgärden stöds inte av målet',
    explanation: 'Målprogrammet gav ett oväntat svar (HTTP 501): det implementerar inte det som begärdes, eller så är det felkonfigurerat.',
    fix: 'Följ programmets självstudie för etablering; kontakta leverantören om programmet borde stödja åtgärden.',
  },
  MandatoryFieldsMissing: {
    title: 'Obligatoriska värden saknas',
    explanation: 'Objektet kunde inte skapas eftersom värden som målet kräver var tomma.',
    fix: 'Fyll i de saknade attributen på källobjektet, eller ändra attributmappningarna så att varje obligatoriskt målattribut får ett värde.',
  },
  SchemaAttributeNotFound: {
    title: 'Attributet finns inte i målet',
    explanation: 'En mappning skriver till ett attribut som målprogrammet inte har.',
    fix: 'Ta bort eller rätta mappningens målattribut så att det anger ett attribut i programmets schema.',
  },
  InternalError: {
    title: 'Fel i etableringstjänsten',
    explanation: 'Ett internt fel inträffade i själva Microsoft Entra-etableringstjänsten.',
    fix: `Inget att göra. ${retry}`,
  },
  InvalidDomain: {
    title: 'Domänen accepteras inte',
    explanation: 'Ett värde (oftast en e-postadress eller ett användarnamn) använder en domän som målprogrammet inte accepterar.',
    fix: 'Ändra domänen på användaren, eller lägg till domänen bland programmets tillåtna domäner.',
  },
  Timeout: {
    title: 'Målet svarade inte i tid',
    explanation: 'Målprogrammet (eller, för molnsynkronisering, den lokala agenten) svarade inte i tid.',
    fix: `Inget att göra om det inte består. ${retry}`,
  },
  LicenseLimitExceeded: {
    title: 'Inga licenser kvar i målet',
    explanation: 'Användaren kunde inte skapas eftersom målprogrammet inte har några lediga licenser.',
    fix: 'Köp fler licenser för programmet, eller kontrollera tilldelningar och mappningar så att bara avsedda användare, med rätt attribut, etableras.',
  },
  DuplicateTargetEntries: {
    title: 'Flera målobjekt matchar',
    explanation: 'Fler än ett objekt i målprogrammet har matchningsattributens värden, så tjänsten kan inte avgöra vilket som hör till källobjektet.',
    fix: 'Ta bort dubbletten i målet, eller välj matchningsattribut som är unika.',
  },
  DuplicateSourceEntries: {
    title: 'Flera källobjekt matchar',
    explanation: 'Fler än ett källobjekt har samma värden för matchningsattributen.',
    fix: 'Ta bort dubbletten i källan, eller välj matchningsattribut som är unika.',
  },
  ImportSkipped: {
    title: 'Import hoppades över',
    explanation: 'Objektet kunde inte läsas in från källan, oftast för att det saknar värde för matchningsattributet; omfång, matchning och export utvärderades inte, så det betyder inte att objektet är i omfånget.',
    fix: 'Ge objektet ett värde för matchningsattributet, eller ändra matchningsattributet i mappningarna.',
  },
  EntrySynchronizationSkipped: {
    title: 'Överhoppad: inget att göra',
    explanation: 'Tjänsten läste objektet men gjorde ingenting: det var utanför omfånget, eller så hade målet redan de förväntade värdena.',
    fix: 'Inget, om det är väntat. Annars: kontrollera tilldelningar, omfångsfilter och händelsens steg för att se varför det hoppades över.',
  },
  SystemForCrossDomainIdentityManagementMultipleEntriesInResponse: {
    title: 'SCIM-appen returnerade flera objekt',
    explanation: 'En begäran om en användare eller grupp fick flera tillbaka. Till exempel fick en gruppbegäran som bad om att utesluta medlemmar ändå medlemmarna.',
    fix: 'Be SCIM-programmets utvecklare att följa filter och uteslutna attribut som SCIM kräver, så att en uppslagning returnerar exakt ett objekt.',
  },
  SystemForCrossDomainIdentityManagementServiceIncompatible: {
    title: 'SCIM-svaret förstods inte',
    explanation: 'Etableringstjänsten kunde inte tolka SCIM-programmets svar.',
    fix: 'Be programmets utvecklare göra SCIM-slutpunkten kompatibel med Microsoft Entras SCIM-klient (svar enligt Microsofts guide för SCIM-implementering).',
  },
  SchemaPropertyCanOnlyAcceptValue: {
    title: 'Flera värden för ett envärt attribut',
    explanation: 'Målattributet tar ett värde, men källattributet som mappas till det har flera.',
    fix: 'Mappa ett envärt källattribut, gör källvärdet envärt, eller ta bort attributet från mappningarna.',
  },
  AzureActiveDirectoryCannotUpdateObjectsOriginatedInExternalService: {
    title: 'Attributet ägs av en annan tjänst',
    explanation: 'Användaren i målklientorganisationen har attribut vars auktoritativa källa är en annan tjänst (Exchange Online för extensionAttribute1-15, eller egenskaper som mail och showInAddressList), så synkroniseringen kan inte ändra dem.',
    fix: 'Ändra attributet där det förvaltas (till exempel med Exchange Online PowerShell i målklientorganisationen). För vissa egenskaper försöker tjänsten själv igen utan dem.',
  },
  AzureDirectoryB2BManagementPolicyCheckFailure: {
    title: 'Automatisk inlösning är inte tillåten',
    explanation: 'Synkronisering mellan klientorganisationer kräver principen som löser in inbjudningar automatiskt, inställd i båda klientorganisationerna; kontrollen fann att den saknas (Testa anslutning rapporterar det som ogiltiga autentiseringsuppgifter).',
    fix: 'Aktivera automatisk inlösning i källklientorganisationens utgående och målklientorganisationens inkommande inställningar för åtkomst mellan klientorganisationer.',
  },
  AzureActiveDirectoryQuotaLimitExceeded: {
    title: 'Kvoten för katalogobjekt är nådd',
    explanation: 'Målklientorganisationen har nått sin gräns för antalet katalogobjekt.',
    fix: 'Se Microsoft Entras tjänstgränser och om klientorganisationens kvot kan höjas, eller ta bort objekt som inte längre behövs.',
  },
  InvitationCreationFailure: {
    title: 'Inbjudan misslyckades',
    explanation: 'Tjänsten försökte bjuda in användaren till målklientorganisationen och inbjudan misslyckades.',
    fix: 'Läs händelsens orsak och detaljer; om inget där förklarar det behövs oftast Microsofts support.',
  },
  InvitationCreationFailureUserAccountDisabled: {
    title: 'Den inbjudna användaren är inaktiverad i målet',
    explanation: 'Användaren finns redan i målklientorganisationen, men kontot är inaktiverat och inbjudan väntar.',
    fix: 'Aktivera användarkontot i målklientorganisationen och etablera sedan användaren igen.',
  },
  AzureActiveDirectoryForbidden: {
    title: 'Gästinbjudningar är blockerade',
    explanation: 'Målklientorganisationens inställningar för externt samarbete tillåter inte inbjudan (till exempel får ingen bjuda in gäster).',
    fix: 'Lätta på inställningarna för gästinbjudningar i målklientorganisationens inställningar för externt samarbete.',
  },
  InvitationCreationFailureInvalidPropertyValue: {
    title: 'Inbjudan har ett ogiltigt värde',
    explanation: 'En egenskap i inbjudan är ogiltig: den primära SMTP-adressen är ogiltig, userType är varken Guest eller Member, eller så är användarens e-postadress även en grupps e-postadress.',
    fix: 'Rätta källanvändarens mail, mappa userType till Guest eller Member, eller ändra en av de krockande e-postadresserna.',
  },
  InvitationCreationFailureAmbiguousUser: {
    title: 'Den inbjudna användaren krockar med en intern användare',
    explanation: 'En proxyadress hos den inbjudna användaren används redan av en intern användare i målklientorganisationen; proxyadresser måste vara unika.',
    fix: 'Ta bort den krockande interna användaren i målklientorganisationen, eller ta användaren ur synkroniseringens omfång.',
  },
  AzureActiveDirectoryCannotUpdateObjectsMasteredOnPremises: {
    title: 'Målanvändaren förvaltas lokalt',
    explanation: 'Användaren i målklientorganisationen synkroniserades från lokalt Active Directory och konverterades till extern användare; dess auktoritativa källa är fortfarande lokal.',
    fix: 'Synkronisering mellan klientorganisationer kan inte uppdatera användaren; ändra den lokalt eller ta den ur omfånget.',
  },
  EntityTypeNotSupported: {
    title: 'Grupper synkroniseras inte',
    explanation: 'Grupper avgör vilka användare som är i omfånget, men synkronisering mellan klientorganisationer kopierar inte gruppobjekt; händelsen är en överhoppning, inte ett fel.',
    fix: 'Inget att göra. Välj en användare i stället för en grupp vid etablering på begäran.',
  },
  EncounteredQuarantineException: {
    title: 'I karantän: kan inte ansluta till målet',
    explanation: 'Jobbet är i karantän eftersom tjänsten inte kan ansluta till målsystemet, oftast för att administratörens autentiseringsuppgifter är ogiltiga. I karantän körs cyklerna allt glesare (ned till en gång per dygn), och efter fyra veckor inaktiveras jobbet.',
    fix: 'Rätta administratörens autentiseringsuppgifter (klient-URL och hemlig token eller inloggning) och testa anslutningen; starta sedan om jobbet eller vänta på nästa försök.',
  },
  EncounteredEscrowProportionThreshold: {
    title: 'I karantän: för många fel',
    explanation: 'Jobbet är i karantän eftersom för stor andel av etableringshändelserna misslyckades (mer än 40 % när minst 5 000 fel har räknats).',
    fix: 'Hitta de vanligaste felkoderna i etableringsloggarna, åtgärda orsaken och starta sedan om jobbet (rensa spärrade poster och karantän).',
  },
  EncounteredBaseEscrowThreshold: {
    title: 'I karantän: feltröskel nådd',
    explanation: 'Jobbet är i karantän eftersom antalet misslyckade (spärrade) poster passerade en av tjänstens trösklar.',
    fix: 'Hitta de vanligaste felkoderna i etableringsloggarna, åtgärda orsaken och starta sedan om jobbet (rensa spärrade poster och karantän).',
  },
  EncounteredTotalEscrowThreshold: {
    title: 'I karantän: för många fel totalt',
    explanation: 'Jobbet är i karantän eftersom det totala antalet misslyckade (spärrade) poster passerade en av de absoluta gränser Microsoft beskriver (40 000 misslyckade poster, eller 60 000 om misslyckade referensuppdateringar som chefer räknas med).',
    fix: 'Hitta de vanligaste felkoderna i etableringsloggarna, åtgärda orsaken och starta sedan om jobbet (rensa spärrade poster och karantän).',
  },
  QuarantinedOnDemand: {
    title: 'Satt i karantän av Microsoft',
    explanation: 'Microsoft upptäckte ett problem med programmet och satte jobbet i karantän manuellt.',
    fix: 'Kontrollera etableringsloggarna och jobbets status för felet; kontakta Microsofts support om inget där förklarar det.',
  },
  TooManyDeletes: {
    title: 'Borttagningströskeln överskreds',
    explanation: 'En cykel skulle ha inaktiverat eller tagit bort fler konton än tröskeln för oavsiktliga borttagningar tillåter, så jobbet sattes i karantän och borttagningarna hålls kvar.',
    fix: 'Granska de kvarhållna borttagningarna i etableringsloggarna. Om de är avsedda: tillåt dem (Tillåt borttagningar); annars: åtgärda orsaken (tilldelningar, omfång, borttagna användare) innan jobbet startas om.',
  },
  Unknown: {
    title: 'Ingen särskild orsak angiven',
    explanation: 'Tjänsten rapporterade felet eller karantänen utan en mer specifik orsak.',
    fix: 'Läs jobbstatusens fel och händelsens orsak och detaljer; etableringsloggarna från samma tid visar oftast den verkliga felkoden.',
  },
  SystemForCrossDomainIdentityManagementBadResponse: {
    title: 'Målet svarade med ett fel',
    explanation: 'Målet (ett SCIM-program, eller den lokala agenten som skriver till Active Directory) avvisade begäran med ett fel som tjänsten inte väntade sig, oftast HTTP 400 för ett värde det inte godtar eller HTTP 404 för en resurs eller slutpunkt det inte känner till. För Active Directory är ett värde som är längre än attributet tillåter (company och CN tar 64 tecken) en vanlig orsak.',
    fix: 'Läs händelsens orsak: den innehåller målets eget meddelande och berört attribut. Rätta värdet (till exempel kapa det med Mid()) eller mappningen, eller kontrollera klient-URL:en när målet svarar 404.',
  },
  EndpointUnavailable: {
    title: 'Active Directory kunde inte läsas',
    explanation: 'Tjänsten kunde inte läsa användaren från Active Directory eftersom den lokala etableringsagenten fick ett bearbetningsfel.',
    fix: 'Kontrollera etableringsagentens loggar i Loggboken på dess server efter fel i läsåtgärden.',
  },
  HybridSynchronizationActiveDirectoryInsufficientAccessRights: {
    title: 'Etableringsagenten saknar rättigheter i Active Directory',
    explanation: 'Active Directory nekade ändringen (INSUFF_ACCESS_RIGHTS): användarens organisationsenhet ärver inte domänens behörigheter, eller så tillhör användaren en skyddad grupp som styrs av AdminSDHolder, som agentens konto (provAgentgMSA$) inte kan skriva till.',
    fix: 'Aktivera arv av behörigheter på organisationsenheten (och alla överordnade), eller ta användaren ur den skyddade gruppen; annars: ge agentkontot rättigheter på AdminSDHolder efter godkännande från er säkerhetsfunktion.',
  },
  HybridSynchronizationActiveDirectoryCannotFindAttribute: {
    title: 'Attributet finns inte i Active Directory-schemat',
    explanation: 'En mappning anger ett attribut som Active Directory-schemat inte har, så som etableringsagenten känner det.',
    fix: 'Om attributet nyligen lades till i Active Directory: starta om etableringsagenten (den läser schemat när den startar); annars: rätta mappningen.',
  },
  HybridSynchronizationActiveDirectoryInternalServerError: {
    title: 'Agenten kunde inte bearbeta begäran',
    explanation: 'Den lokala agenten kunde inte göra om den mottagna SCIM-begäran till en sökning i Active Directory.',
    fix: 'Läs HTTP-svaret i händelsens detaljer; kontakta supporten med jobb-id:t om det består.',
  },
  HybridIdentityServiceNoAgentsAssigned: {
    title: 'Ingen agent tilldelad',
    explanation: 'Ingen etableringsagent är tilldelad domänen som synkroniseras; agenterna har troligen tagits bort.',
    fix: 'Installera och registrera en agent för domänen igen.',
  },
  HybridIdentityServiceNoActiveAgents: {
    title: 'Ingen agent körs',
    explanation: 'Ingen aktiv agent svarar för domänen: agenttjänsten är stoppad, eller en brandvägg hindrar den från att nå Service Bus.',
    fix: 'Kontrollera att tjänsten för molnsynkroniseringsagenten körs på sin server och att utgående anslutningar (eller proxyn) låter den nå tjänsten.',
  },
  HybridIdentityServiceInvalidResource: {
    title: 'Molnsynkroniseringens konfiguration är trasig',
    explanation: 'Tjänsten kan inte avgöra vilken agent den ska kontakta för den här konfigurationen.',
    fix: 'Registrera molnsynkroniseringsagenten på domänen igen och gör om konfigurationen i portalen.',
  },
  HybridIdentityServiceAgentSignalingError: {
    title: 'Agenten kunde inte nås',
    explanation: 'Service Bus kunde inte leverera ett meddelande till agenten: ett avbrott, eller så svarar inte agenten.',
    fix: 'Kontrollera agenten; om det består: kontakta supporten med jobb-id:t från konfigurationens status.',
  },
  AzureDirectoryServiceServerBusy: {
    title: 'Microsoft Entra ID är upptaget',
    explanation: 'Microsoft Entra ID var för upptaget för att bearbeta åtgärden; den görs om automatiskt.',
    fix: 'Inget att göra om det inte varar mer än 24 timmar; kontakta då supporten.',
  },
  AzureActiveDirectoryInvalidCredential: {
    title: 'Molnsynkroniseringens tjänstkonto saknas',
    explanation: 'Tjänstkontot som molnsynkroniseringen körs som (ADToAADSyncServiceAccount) finns inte i klientorganisationen, till exempel för att det har tagits bort.',
    fix: 'Reparera kontot med PowerShell-kommandot Repair-AADCloudSyncToolsAccount.',
  },
  AzureActiveDirectoryExpiredCredentials: {
    title: 'Molnsynkroniseringens tjänstkonto har gått ut',
    explanation: 'Autentiseringsuppgifterna för molnsynkroniseringens tjänstkonto har gått ut (HTTP 401).',
    fix: 'Reparera tjänstkontot (Repair-AADCloudSyncToolsAccount); kontakta supporten med jobb-id:t om det består.',
  },
  AzureActiveDirectoryAuthenticationFailed: {
    title: 'Autentiseringen misslyckades',
    explanation: 'Inloggningen i Microsoft Entra ID misslyckades av okänd anledning.',
    fix: 'Försök igen senare; om det består: kontakta supporten med jobb-id:t från konfigurationens status.',
  },
  SystemForCrossDomainIdentityManagementCredentialValidationUnavailable: {
    title: 'Autentiseringsuppgifterna kunde inte valideras',
    explanation: 'Testa anslutning (eller kontrollen i början av en cykel) kunde inte nå programmet för att validera autentiseringsuppgifterna, eller fick ett oväntat svar: en felaktig eller onåbar klient-URL, ett TLS-certifikat som inte stämmer med värdnamnet, eller en slutpunkt som är nere.',
    fix: 'Kontrollera klient-URL:en och att slutpunkten kan nås från internet (eller via etableringsagenten), med ett giltigt certifikat för värdnamnet; testa sedan anslutningen igen.',
  },
  SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized: {
    title: 'Autentiseringsuppgifterna avvisades',
    explanation: 'SCIM-programmet avvisade den hemliga token eller inloggningen (HTTP 401 eller 403). Om det inte åtgärdas hamnar jobbet i karantän.',
    fix: 'Ange giltiga administratörsuppgifter (en aktuell hemlig token från programmet) i jobbets autentiseringsuppgifter, testa anslutningen och starta sedan om jobbet.',
  },
  SystemForCrossDomainIdentityManagementServiceUnreachable: {
    title: 'Målprogrammet kan inte nås',
    explanation: 'Tjänsten kunde inte ansluta till SCIM-slutpunkten alls (anslutningen nekades, återställdes eller tog för lång tid). Upprepat hamnar jobbet i karantän.',
    fix: 'Kontrollera att klient-URL:en är rätt och att slutpunkten är uppe och kan nås; testa sedan anslutningen.',
  },
  CredentialsMissing: {
    title: 'Administratörsuppgifter saknas',
    explanation: 'Jobbet har inga administratörsuppgifter (klient-URL, hemlig token, eller användarnamn och lösenord) för att ansluta till målprogrammet.',
    fix: 'Ange de uppgifter som programmets självstudie för etablering anger, testa anslutningen och spara.',
  },
  NotEffectivelyEntitled: {
    title: 'Överhoppad: inte i omfånget',
    explanation: 'Objektet är inte i omfånget: det är inte tilldelat programmet (direkt eller via en grupp), det är inaktiverat, eller ett omfångsfilter utesluter det. Etablering på begäran visar vilket av IsActive, tilldelning och IsInProvisioningScope som är falskt.',
    fix: 'Tilldela användaren (eller en grupp som innehåller den) till programmet, eller sätt omfånget till alla användare och grupper, och kontrollera omfångsfiltren. Om tilldelningen ser rätt ut: ta bort den och tilldela igen.',
  },
  RedundantExport: {
    title: 'Överhoppad: målet är redan aktuellt',
    explanation: 'Målet hade redan de värden som mappningarna ger, så inget skickades.',
    fix: 'Inget att göra. Om du väntade dig en ändring: kontrollera mappningen och källvärdet i händelsens steg.',
  },
  SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists: {
    title: 'Objektet finns redan i SCIM-appen',
    explanation: 'SCIM-programmet svarade HTTP 409 Conflict: ett objekt med samma unika värde (till exempel userName) finns där och matchades inte.',
    fix: 'Rätta det krockande värdet, eller ändra matchningsattributen så att det befintliga objektet matchas och tas över.',
  },
  SystemForCrossDomainIdentityManagementThrottled: {
    title: 'SCIM-appen begränsar anropen',
    explanation: 'SCIM-programmet svarade HTTP 429 Too Many Requests.',
    fix: `Inget att göra om det inte består. ${retry}`,
  },
  AmbiguousMatch: {
    title: 'Flera målobjekt matchar',
    explanation: 'Matchningsfrågan hittade fler än ett objekt i målet, så tjänsten kan inte avgöra vilket som hör till källobjektet (Microsoft loggar detta som DuplicateTargetEntries).',
    fix: 'Ta bort dubbletten i målet, eller välj matchningsattribut som är unika.',
  },
  InvalidMappingExpression: {
    title: 'Mappningsuttrycket är ogiltigt',
    explanation: 'Ett uttryck i en attributmappning kan inte tolkas, så ingen cykel kan köras.',
    fix: 'Rätta uttrycket i mappningsredigeraren (händelsen säger vilket och var); funktionsnamn och argument finns i uttrycksreferensen.',
  },
  ExpressionEvaluationFailed: {
    title: 'Mappningsuttrycket misslyckades för objektet',
    explanation: 'Ett uttryck i en attributmappning misslyckades när det beräknade ett värde för det här objektet (till exempel en funktion som fick ett värde den inte kan använda).',
    fix: 'Läs händelsens orsak för vilket uttryck och värde det gäller; låt uttrycket hantera sådana värden (till exempel med IIF eller IsPresent).',
  },
  NoUserMapping: {
    title: 'Ingen användarmappning är aktiverad',
    explanation: 'Jobbets schema har ingen aktiverad mappning för användare, så det finns inget att etablera en användare med.',
    fix: 'Aktivera användarobjektets mappning (eller lägg till en) i attributmappningarna.',
  },
  AccidentalDeletionThreshold: {
    title: 'Kvarhållen av borttagningströskeln',
    explanation: 'Den här inaktiveringen eller borttagningen utfördes inte eftersom cykeln överskred tröskeln för oavsiktliga borttagningar; jobbet är i karantän.',
    fix: 'Om borttagningarna är avsedda: tillåt dem (Tillåt borttagningar); annars: åtgärda orsaken innan jobbet startas om.',
  },
};
