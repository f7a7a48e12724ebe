"""Hand-written points and English names of first- and second-level areas.

No installed package gives coordinates for states, provinces and counties, and pycountry names
most areas in their local form ("Bayern", "Sichuan Sheng"). This module holds, written from
general knowledge (rounded atlas centres, good to well under 161 km for all but the largest areas;
not copied from any dataset):

- ``AREA_POINTS``: ``(country, English name) -> (lat, lon, local names)`` for the first-level areas
  news names most (US states, Canadian provinces, Australian states, Indian and Chinese
  provinces, ...). The gazetteer attaches the point and the English name to the pycountry entry
  whose name (accents dropped) is the English name, one of the local names, or starts with one of
  them; an area pycountry lacks at the first level becomes an entry of its own;
- ``COUNTY_POINTS``: the same for counties and similar second-level areas of the UK and Ireland,
  which pycountry lists only under their parent;
- ``WIDE_REGIONS``: regions, seas and island groups that span borders or have no ISO code (the
  European Union at its geographic centre, like the countries).

Format of the tables: ``[CC]`` starts a country; each row is ``English name[=local/local] lat
lon``, rows separated by ``;``.
"""

from __future__ import annotations

import re

__all__ = ["AREA_POINTS", "COUNTY_POINTS", "WIDE_REGIONS"]

_AREAS = """
[US] Alabama 32.75 -86.75; Alaska 64 -150; Arizona 34.5 -111.5; Arkansas 34.75 -92.5;
California 37.25 -119.75; Colorado 39 -105.5; Connecticut 41.6 -72.7; Delaware 39 -75.5;
District of Columbia 38.9 -77.03; Florida 28.75 -82.5; Georgia 32.75 -83.5; Hawaii 20.75 -156.5;
Idaho 44.5 -114.25; Illinois 40 -89.25; Indiana 40 -86.25; Iowa 42 -93.5; Kansas 38.5 -98.5;
Kentucky 37.5 -85.25; Louisiana 31 -92; Maine 45.5 -69.25; Maryland 39 -76.75;
Massachusetts 42.3 -71.8; Michigan 44.25 -85.5; Minnesota 46.25 -94.25; Mississippi 32.75 -89.75;
Missouri 38.25 -92.5; Montana 47 -109.5; Nebraska 41.5 -99.75; Nevada 39.25 -116.75;
New Hampshire 43.7 -71.6; New Jersey 40.2 -74.5; New Mexico 34.5 -106; New York 43 -75.5;
North Carolina 35.5 -80; North Dakota 47.5 -100.5; Ohio 40.25 -82.75; Oklahoma 35.5 -97.5;
Oregon 44 -120.5; Pennsylvania 40.9 -77.75; Rhode Island 41.7 -71.5; South Carolina 34 -81;
South Dakota 44.5 -100.25; Tennessee 35.75 -86.25; Texas 31.25 -99.25; Utah 39.25 -111.75;
Vermont 44 -72.75; Virginia 37.5 -78.5; Washington 47.5 -120.5; West Virginia 38.5 -80.5;
Wisconsin 44.5 -90; Wyoming 43 -107.5; Puerto Rico 18.25 -66.5; Guam 13.45 144.8
[CA] Alberta 54.5 -115; British Columbia 54 -125; Manitoba 55 -97; New Brunswick 46.5 -66.5;
Newfoundland and Labrador=Newfoundland 52 -57; Northwest Territories 64 -119;
Nova Scotia 45 -63; Nunavut 70 -90; Ontario 50 -85; Prince Edward Island 46.3 -63.2;
Quebec=Québec 52 -72; Saskatchewan 54 -106; Yukon 63.5 -135.5
[AU] Australian Capital Territory -35.5 149; New South Wales -32 147; Northern Territory -20 133;
Queensland -22 144.5; South Australia -30 135; Tasmania -42 146.5; Victoria -37 144.5;
Western Australia -25 122
[IN] Andhra Pradesh 16 80; Arunachal Pradesh 28 94.5; Assam 26.25 92.5; Bihar 25.75 85.75;
Chhattisgarh 21.25 82; Goa 15.4 74; Gujarat 22.75 71.5; Haryana 29.2 76.3;
Himachal Pradesh 31.9 77.2; Jharkhand 23.5 85.5; Karnataka 14.5 76; Kerala 10.4 76.4;
Madhya Pradesh 23.5 78.5; Maharashtra 19.5 76; Manipur 24.8 93.9; Meghalaya 25.5 91.3;
Mizoram 23.3 92.8; Nagaland 26 94.3; Odisha=Orissa 20.5 84.4; Punjab 30.9 75.4;
Rajasthan 26.5 74; Sikkim 27.5 88.5; Tamil Nadu 11 78.5; Telangana 17.9 79.1; Tripura 23.8 91.5;
Uttar Pradesh 27 80.5; Uttarakhand 30.2 79.2; West Bengal 23.5 88; Delhi 28.6 77.2;
Jammu and Kashmir 33.5 75.2; Ladakh 34.5 77; Andaman and Nicobar Islands 11.7 92.7
[CN] Anhui 31.8 117.2; Fujian 26 118; Gansu 37 103; Guangdong 23.4 113.5; Guangxi 23.8 108.8;
Guizhou 26.8 106.8; Hainan 19.2 109.7; Hebei 38.5 115.5; Heilongjiang 47.5 128; Henan 33.9 113.5;
Hubei 31 112.3; Hunan 27.6 111.7; Inner Mongolia=Nei Mongol 43.5 114; Jiangsu 33 119.5;
Jiangxi 27.6 115.7; Jilin 43.5 126; Liaoning 41.3 122.6; Ningxia 37.3 106.2; Qinghai 35.5 96;
Shaanxi 35.2 108.9; Shandong 36.3 118.2; Shanxi 37.6 112.3; Sichuan 30.5 102.5;
Xinjiang 41.5 85.5; Tibet=Xizang 31.5 88; Yunnan 25 101.5; Zhejiang 29.2 120.2
[PK] Balochistan=Baluchistan 28.5 65.5; Khyber Pakhtunkhwa 34.5 72; Punjab 31 72.5; Sindh 26 68.8;
Gilgit-Baltistan 35.8 74.8; Azad Kashmir=Azad Jammu and Kashmir 34 73.8
[AF] Helmand 31 64; Nangarhar 34.2 70.6; Kunar 34.9 71.1; Paktia=Paktiya 33.6 69.4;
Paktika 32.5 68.8; Zabul 32.2 67.2; Uruzgan=Oruzgan 32.9 66.3; Nuristan 35.3 70.8;
Badakhshan 36.7 71.5; Ghor 34 65; Logar 34 69.2; Wardak=Maidan Wardak 34.3 68.2;
Takhar 36.7 69.6; Faryab 36 64.7; Balkh 36.7 67; Baghlan 36 68.8; Bamiyan=Bamyan 34.8 67.8;
Nimroz 30.5 62.5; Badghis 35.2 63.7; Kapisa 34.9 69.6; Parwan 35 69; Panjshir=Panjshayr 35.4 69.7;
Laghman 34.7 70.2; Jowzjan 36.7 65.7; Samangan 36 67.8; Sar-e Pol=Sar-e Pul 35.8 66;
Daykundi 33.7 66
[ZA] Eastern Cape -32.3 26.4; Free State -28.7 26.5; Gauteng -26.1 28.1;
KwaZulu-Natal=Kwazulu-Natal -28.7 30.8; Limpopo -23.8 29.4; Mpumalanga -25.6 30.5;
North West=North-West -26.5 25.5; Northern Cape -29.5 21.8; Western Cape -33.5 20.5
[NG] Benue 7.3 8.7; Borno 11.8 13.2; Rivers 4.8 6.8; Delta 5.7 6; Bayelsa 4.8 6.1;
Plateau 9.2 9.5; Osun 7.6 4.5; Ogun 7 3.4; Oyo 8.2 3.6; Anambra 6.2 7; Imo 5.5 7.1; Abia 5.5 7.5;
Akwa Ibom 5 7.8; Cross River 5.9 8.6; Edo 6.6 5.9; Ekiti 7.7 5.3; Kogi 7.7 6.7; Kwara 8.9 4.6;
Niger 10 6; Nasarawa 8.5 8.3; Taraba 8 10.8; Adamawa 9.5 12.4; Yobe 12.3 11.4; Jigawa 12.2 9.5;
Zamfara 12.2 6.2; Kebbi 11.5 4.2; Ebonyi 6.2 8; Lagos 6.6 3.6; Kano 11.8 8.5; Kaduna 10.4 7.7
[BR] Acre -9 -70; Alagoas -9.6 -36.6; Amapa 1 -52; Amazonas -4 -64; Bahia -12.5 -41.7;
Ceara -5.2 -39.5; Espirito Santo -19.6 -40.7; Goias -16 -49.5; Maranhao -5 -45;
Mato Grosso do Sul -20.5 -54.5; Mato Grosso -13 -56; Minas Gerais -18.5 -44.5; Para -4 -52.5;
Paraiba -7.2 -36.7; Parana -24.6 -51.5; Pernambuco -8.4 -37.9; Piaui -7.5 -42.7;
Rio Grande do Norte -5.8 -36.6; Rio Grande do Sul -30 -53.5; Rondonia -10.9 -62.8;
Roraima 2 -61.4; Santa Catarina -27.3 -50.5; Sergipe -10.6 -37.4; Tocantins -10.2 -48.3
[MX] Baja California Sur 25.5 -111.5; Baja California 30 -115.5; Chiapas 16.5 -92.5;
Chihuahua 28.5 -106; Coahuila 27.3 -102; Guerrero 17.6 -99.9; Jalisco 20.6 -103.6;
Michoacan 19.2 -101.9; Nuevo Leon 25.6 -99.9; Oaxaca 17 -96.5; Sinaloa 25 -107.5;
Sonora 29.6 -110.8; Tamaulipas 24.3 -98.6; Veracruz 19.4 -96.4; Yucatan 20.7 -89;
Quintana Roo 19.6 -88; Guanajuato 21 -101.1; Puebla 19 -97.9; Hidalgo 20.5 -98.9;
Morelos 18.7 -99.1; Tabasco 18 -92.6; Campeche 19 -90.5; Zacatecas 23.3 -102.7;
Durango 24.6 -104.9; San Luis Potosi 22.6 -100.4; Queretaro 20.8 -100; Nayarit 21.8 -104.9;
Colima 19.1 -104; Aguascalientes 21.9 -102.3; Tlaxcala 19.4 -98.2
[DE] Baden-Wurttemberg=Baden-Wuerttemberg 48.5 9; Bavaria=Bayern 49 11.5;
Brandenburg 52.4 13.3; Hesse=Hessen 50.6 9; Mecklenburg-Vorpommern=Mecklenburg-Western Pomerania
53.8 12.5; Lower Saxony=Niedersachsen 52.8 9.5; North Rhine-Westphalia=Nordrhein-Westfalen 51.5 7.5;
Rhineland-Palatinate=Rheinland-Pfalz 49.9 7.4; Saarland 49.4 7; Saxony=Sachsen 51 13.3;
Saxony-Anhalt=Sachsen-Anhalt 52 11.7; Schleswig-Holstein 54.2 9.8; Thuringia=Thuringen 50.9 11.1
[FR] Auvergne-Rhone-Alpes 45.5 4.5; Bourgogne-Franche-Comte 47.2 5; Brittany=Bretagne 48.2 -3;
Centre-Val de Loire 47.5 1.7; Corsica=Corse 42.1 9.1; Grand Est=Grand-Est 48.7 5.5;
Hauts-de-France 50 2.8; Normandy=Normandie 49.2 0; Nouvelle-Aquitaine 45 0.3;
Occitanie=Occitania 43.7 2.2; Pays de la Loire=Pays-de-la-Loire 47.5 -0.8;
Provence-Alpes-Cote d'Azur=Provence-Alpes-Cote-d'Azur/Provence 44 6.2;
Ile-de-France 48.7 2.5
[IT] Abruzzo 42.2 13.8; Basilicata 40.5 16.1; Calabria 39 16.5; Campania 40.9 14.8;
Emilia-Romagna 44.5 11; Friuli Venezia Giulia 46.1 13; Lazio 41.9 12.8; Liguria 44.3 8.7;
Lombardy=Lombardia 45.6 9.8; Marche 43.3 13.2; Molise 41.7 14.6; Piedmont=Piemonte 45.1 7.9;
Apulia=Puglia 41 16.5; Sardinia=Sardegna 40.1 9; Sicily=Sicilia 37.5 14.1;
Tuscany=Toscana 43.4 11.1; Trentino-Alto Adige=South Tyrol 46.4 11.3; Umbria 42.9 12.5;
Aosta Valley=Valle d'Aosta 45.7 7.4; Veneto 45.6 11.9
[ES] Andalusia=Andalucia 37.5 -4.7; Aragon 41.5 -0.7; Asturias 43.3 -5.9;
Canary Islands=Canarias 28.3 -15.7; Cantabria 43.2 -4; Castile and Leon=Castilla y Leon 41.8 -4.7;
Castilla-La Mancha=Castile-La Mancha 39.5 -3; Catalonia=Catalunya 41.8 1.6; Extremadura 39.2 -6.2;
Galicia 42.8 -7.9; Balearic Islands=Illes Balears 39.6 2.9; La Rioja 42.3 -2.5; Navarre=Navarra
42.7 -1.6; Basque Country=Pais Vasco 43 -2.6; Valencian Community=Valenciana 39.4 -0.6
[GB] England 52.5 -1.5; Scotland 56.5 -4; Wales 52.3 -3.6; Northern Ireland 54.6 -6.7
[IE] Connacht=Connaught 53.8 -9; Leinster 53.2 -7; Munster 52.3 -8.6; Ulster 54.8 -7.5
[RU] Chechnya=Chechenskaya 43.4 45.7; Dagestan 42.8 47; Ingushetia=Ingushetiya 43.2 45;
Tatarstan 55.5 50.9; Bashkortostan 54.5 56.5; North Ossetia=Severnaya Osetiya 43 44.3;
Kabardino-Balkaria=Kabardino-Balkarskaya 43.5 43.4; Karelia=Kareliya 63.5 33;
Yakutia=Saha/Sakha 66 129; Moscow Oblast=Moskovskaya 55.7 37.5;
Leningrad Oblast=Leningradskaya 59.7 32; Krasnodar Krai=Krasnodarskiy 45.3 39;
Primorsky Krai=Primorskiy/Primorye 45 134.5; Kamchatka=Kamchatskiy 57 160;
Chukotka=Chukotskiy 66 171; Sakhalin=Sakhalinskaya 50 143
[UA] Zakarpattia=Zakarpatska/Transcarpathia 48.4 23.3; Volyn=Volynska 51 25.3
[IQ] Anbar=Al Anbar 33.3 42.3; Nineveh=Ninawa 36.2 42.5; Diyala 33.8 45.1;
Salahuddin=Salah ad Din/Saladin 34.5 43.5; Dhi Qar 31.1 46.3; Maysan 31.9 47.1;
Muthanna=Al Muthanna 30.3 45.3; Qadisiyah=Al Qadisiyah 32 45; Wasit 32.6 45.8; Babil 32.5 44.5
[SY] Rif Dimashq 33.5 36.6
[SD] North Darfur 16 25; South Darfur 11.5 24.9; West Darfur 12.8 23; Central Darfur 13.5 23.5;
East Darfur 11.5 26.5; North Kordofan 14 29.5; South Kordofan 11 30; Blue Nile 11.3 34.3;
Gezira 14.4 33.3
[SO] Mudug 6.5 47.5; Banadir=Banaadir 2.05 45.3; Lower Shabelle=Shabeellaha Hoose 1.8 44.5;
Middle Shabelle=Shabeellaha Dhexe 2.9 45.6; Gedo 3.3 42.3; Hiiraan 4.3 45.3;
Galgaduud=Galguduud 5.2 46.8; Bakool 4.3 43.6; Lower Juba=Jubbada Hoose 0 42;
Middle Juba=Jubbada Dhexe 1.2 42.5; Nugaal 8.2 49.1; Sool 8.7 47.5; Sanaag 10.4 47.8;
Togdheer 9.3 45.3; Awdal 10.2 43.3; Puntland 8.5 49.5; Somaliland 9.5 46; Jubaland 0.5 42
[YE] Hadramawt=Hadramout/Hadhramaut 15.9 48.8; Marib=Ma'rib 15.5 45.3; Shabwah=Shabwa 14.7 47.2;
Abyan 13.6 46; Al Mahrah=Mahra 16.5 51.5; Lahij 13.1 44.9; Dhale=Ad Dali 13.7 44.7;
Hajjah 16.1 43.4; Amran 16.3 43.9; Raymah 14.6 43.7; Socotra=Arkhabil Suqutra 12.5 53.9
[ET] Tigray=Tigrai 14 39; Amhara=Amara 11.5 38; Oromia 8 39; Afar 12 41
[MM] Rakhine=Arakan 19.7 94; Kachin 26 97.5; Kayin=Karen State 17 97.8; Kayah 19.3 97.3;
Sagaing 24 95.5; Magway 20.2 94.7; Ayeyarwady=Irrawaddy 16.9 95.2; Tanintharyi 12.5 98.8;
Shan State 21.5 98
[IR] Khuzestan 31.3 49; Sistan and Baluchestan=Sistan va Baluchestan 27.5 60.5;
Kurdistan Province=Kordestan 35.5 47; West Azerbaijan=Azarbayjan-e Gharbi 37.5 45;
East Azerbaijan=Azarbayjan-e Sharqi 38 46.5; Fars 29.5 53; Gilan 37.3 49.5; Mazandaran 36.3 52.5;
Golestan 37.3 55; Razavi Khorasan=Khorasan-e Razavi 35.5 59;
North Khorasan=Khorasan-e Shomali 37.5 57.3; South Khorasan=Khorasan-e Jonubi 33 58.5;
Lorestan 33.5 48.3; Hormozgan 27 56.3; Markazi 34.3 49.7; Alborz 36 50.8
[EG] North Sinai=Shamal Sina' 30.5 33.7; South Sinai=Janub Sina' 28.7 33.9
[CO] Antioquia 7 -75.5; Cauca 2.5 -76.8; Valle del Cauca 3.8 -76.5; Choco 6 -76.8; Narino 1.5 -77.8;
Putumayo 0.5 -76; Meta 3.5 -73; Cundinamarca 5 -74; Guaviare 2 -72.5; Caqueta 1 -74;
Norte de Santander 8 -72.8; Santander 7 -73.3; Casanare 5.3 -71.5; La Guajira 11.5 -72.5;
Magdalena 10.2 -74.3; Cesar 9.5 -73.5; Atlantico 10.7 -75; Boyaca 5.5 -73.3; Tolima 4 -75.2;
Huila 2.5 -75.6; Caldas 5.3 -75.3; Risaralda 5 -76
[VE] Zulia 10 -72.2; Miranda 10.3 -66.4; Bolivar 6.5 -63.5; Amazonas 3.5 -65.8; Tachira 7.9 -72.1;
Apure 7 -68.5; Lara 10.1 -69.9; Falcon 11.2 -69.8; Anzoategui 8.6 -64.2; Monagas 9.4 -63;
Carabobo 10.2 -68; Aragua 10 -67.3; Guarico 8.7 -66.5; Portuguesa 9.1 -69.3; Yaracuy 10.3 -68.7;
Nueva Esparta 11 -64; Delta Amacuro 8.8 -61.5
[AR] Buenos Aires Province -36.5 -60; Chubut -43.8 -68.5; Rio Negro -40 -67; Tierra del Fuego -54 -67.5;
Misiones -27 -54.6; Chaco -26.4 -60.8; Jujuy -23.3 -65.8; La Pampa -37 -65.5;
Entre Rios -32 -59.2; Tucuman -26.9 -65.3; Catamarca -27.3 -67.3
[CL] La Araucania=Araucania -38.7 -72.6; Atacama -27.5 -70; Magallanes -52 -72
[KE] Turkana 3.3 35.6; Laikipia 0.3 36.8; Lamu -2.3 40.9; Samburu 1.2 37; Baringo 0.7 36;
Narok -1.1 35.9; Kajiado -2 36.8; Tana River -1.5 39.8; West Pokot 1.8 35.2; Mandera 3.5 40.7;
Wajir 1.7 40; Marsabit 2.3 37.9
[PH] Metro Manila=National Capital Region 14.6 121; Laguna 14.2 121.3; Bohol 9.9 124.2;
Palawan 9.8 118.7; Pampanga 15 120.7; Bulacan 14.9 121; Rizal 14.6 121.3; Leyte 11 124.8;
Samar 12 125; Sulu 6 121; Basilan 6.5 122; Tawi-Tawi 5.2 120; Maguindanao 7 124.5;
Lanao del Sur 7.8 124.3; Lanao del Norte 8 124; Ilocos Norte 18.2 120.7; Ilocos Sur 17.2 120.5;
Pangasinan 15.9 120.3; Isabela 16.9 121.8; Benguet 16.4 120.6; Albay 13.2 123.6;
Camarines Sur 13.5 123.3; Sorsogon 12.9 124; Nueva Ecija 15.6 121; Zambales 15.3 120.1;
Bataan 14.6 120.4; Mindoro 13 121; Cagayan Valley 17.5 121.8
[ID] Java=Jawa -7.3 110; Sumatra=Sumatera 0 102; Kalimantan -1 114; Sulawesi -2 121;
Papua -4.5 138; Maluku -3.2 129.6; Nusa Tenggara -8.6 118; Bali -8.4 115.2; Aceh 4.4 96.9;
Lombok -8.6 116.3
[JP] Hokkaido 43.2 142.8; Okinawa 26.5 128; Kanagawa 35.4 139.3; Ibaraki 36.3 140.3;
Tochigi 36.6 139.8; Gunma 36.5 139; Yamanashi 35.6 138.6; Shiga 35.2 136.1; Mie 34.5 136.4;
Hyogo 35 134.9; Shimane 35.1 132.6; Ehime 33.6 132.8; Kagawa 34.2 134; Miyagi 38.4 140.9;
Iwate 39.6 141.4; Aichi 35 137.2
[KR] Gyeonggi=Gyeonggi-do 37.5 127.2; Gangwon=Gangwon-teukbyeoljachido 37.8 128.2;
North Chungcheong=Chungcheongbuk-do 36.8 127.7; South Chungcheong=Chungcheongnam-do 36.5 126.8;
North Gyeongsang=Gyeongsangbuk-do 36.5 128.8; South Gyeongsang=Gyeongsangnam-do 35.3 128.3;
North Jeolla=Jeollabuk-do 35.7 127.1; South Jeolla=Jeollanam-do 34.8 126.9
[MY] Sabah 5.3 117; Sarawak 2.5 113; Johor 2 103.5; Kedah 6 100.6; Kelantan 5.3 102;
Pahang 3.8 102.5; Perak 4.6 101; Selangor 3.3 101.5; Terengganu 5 103; Penang=Pulau Pinang 5.4 100.3
[TR] Hatay 36.4 36.2; Kocaeli 40.8 29.9; Sakarya 40.7 30.4
[NL] North Holland=Noord-Holland 52.6 4.8; South Holland=Zuid-Holland 52 4.6;
North Brabant=Noord-Brabant 51.5 5.2; Gelderland 52 5.9; Overijssel 52.4 6.5; Drenthe 52.9 6.6;
Friesland=Fryslan 53.1 5.8; Flevoland 52.5 5.6; Zeeland 51.5 3.8; Limburg 51.2 5.9
[BE] Flanders=Vlaams Gewest 51 4.2; Wallonia=wallonne 50.4 4.8
[AT] Lower Austria=Niederosterreich 48.2 15.7; Upper Austria=Oberosterreich 48.1 14;
Styria=Steiermark 47.3 15; Carinthia=Karnten 46.8 13.9; Tyrol=Tirol 47.2 11.4;
Vorarlberg 47.3 9.9; Burgenland 47.5 16.5
[CH] Graubunden=Grisons 46.7 9.6; Valais 46.2 7.6; Ticino 46.3 8.8; Vaud 46.6 6.6; Aargau 47.4 8.1;
Thurgau 47.6 9.1
[PL] Silesia=Slaskie 50.3 19; Lesser Poland=Malopolskie 49.9 20.3; Masovia=Mazowieckie 52.4 21;
Pomerania=Pomorskie 54.2 18; Greater Poland=Wielkopolskie 52.3 17;
Lower Silesia=Dolnoslaskie 51.1 16.4; Subcarpathia=Podkarpackie 49.9 22.2;
Warmia-Masuria=Warminsko-Mazurskie 53.8 20.8; Podlaskie 53.3 22.9
[NZ] Canterbury -43.5 171.5; Otago -45.3 169.5; Waikato -37.6 175.3; Northland -35.5 173.8;
Southland -45.9 168.1; Hawke's Bay -39.5 176.7; Bay of Plenty -38 176.8; Taranaki -39.3 174.3
"""

_COUNTIES = """
[GB] Kent 51.2 0.7; Essex 51.8 0.6; Suffolk 52.2 1.0; Norfolk 52.65 1.0; Cheshire 53.2 -2.6;
Hampshire 51.1 -1.3; Surrey 51.25 -0.4; Sussex 50.9 -0.3; East Sussex 50.9 0.25;
West Sussex 50.95 -0.45; Devon 50.7 -3.8; Cornwall 50.4 -4.9; Dorset 50.8 -2.3;
Somerset 51.1 -3.0; Wiltshire 51.3 -1.9; Gloucestershire 51.8 -2.2; Oxfordshire 51.8 -1.3;
Berkshire 51.45 -1.2; Buckinghamshire 51.8 -0.8; Hertfordshire 51.8 -0.2;
Bedfordshire 52.05 -0.45; Cambridgeshire 52.35 0.0; Northamptonshire 52.3 -0.85;
Leicestershire 52.7 -1.1; Lincolnshire 53.1 -0.2; Nottinghamshire 53.1 -1.0;
Derbyshire 53.1 -1.6; Staffordshire 52.8 -2.0; Shropshire 52.6 -2.7; Herefordshire 52.1 -2.75;
Worcestershire 52.2 -2.2; Warwickshire 52.3 -1.55; West Midlands 52.5 -1.9;
Greater Manchester 53.5 -2.3; Merseyside 53.45 -2.95; Lancashire 53.8 -2.6; Cumbria 54.5 -3.0;
Northumberland 55.2 -2.0; County Durham 54.7 -1.8; Tyne and Wear 54.95 -1.5;
Yorkshire 54.0 -1.5; North Yorkshire 54.2 -1.4; West Yorkshire 53.75 -1.7;
South Yorkshire 53.5 -1.3; East Yorkshire=East Riding of Yorkshire 53.85 -0.5;
Middlesex 51.55 -0.35; Isle of Wight 50.67 -1.3; Rutland 52.65 -0.65; Greater London 51.5 -0.1;
Gwynedd 52.9 -4.0; Powys 52.3 -3.4; Pembrokeshire 51.85 -4.9; Carmarthenshire 51.9 -4.2;
Ceredigion 52.2 -4.0; Anglesey 53.27 -4.35; Glamorgan 51.5 -3.4; Fife 56.25 -3.1;
Highlands=Highland 57.4 -4.8; Aberdeenshire 57.2 -2.7; Perthshire 56.5 -3.8; Argyll 56.3 -5.3;
Lanarkshire 55.7 -3.8; Ayrshire 55.45 -4.6; Lothian 55.9 -3.2; Dumfries and Galloway 55.1 -4.0;
County Antrim 54.85 -6.2; County Down 54.35 -5.9; County Tyrone=Tyrone 54.6 -7.2;
County Fermanagh=Fermanagh 54.35 -7.6
[IE] Tipperary 52.65 -7.85; Wexford 52.5 -6.6; Wicklow 52.95 -6.4; Kildare 53.2 -6.8;
Meath 53.6 -6.65; Louth 53.9 -6.5; Westmeath 53.5 -7.45; Offaly 53.2 -7.6; Laois 53.0 -7.4;
Kilkenny 52.6 -7.25; Carlow 52.7 -6.8; Mayo 53.9 -9.3; Sligo 54.15 -8.6; Roscommon 53.75 -8.25;
Leitrim 54.1 -8.0; Longford 53.7 -7.7; Cavan 54.0 -7.35; Monaghan 54.2 -6.95; Donegal 54.9 -8.0;
County Kerry=Kerry 52.1 -9.6; County Clare=Clare 52.85 -9.0
"""

_REGIONS = """
[--] European Union=EU 49.8 9.9; Middle East=Mideast 29 41; Latin America -10 -60;
Central America 13 -86; Caribbean 15 -75; Balkans 43 21; Caucasus 42.5 44.5; Scandinavia 62 14;
Sahel 14 5; Sahara 23 13; Horn of Africa 8 45; Gulf 27 51; Persian Gulf 27 51;
Atlantic=Atlantic Ocean 30 -40; Pacific=Pacific Ocean 0 -160; Indian Ocean -20 80;
Mediterranean=Mediterranean Sea 35 18; Arctic 80 0; Soviet Union=USSR 60 100;
Kurdistan 36.5 44; Korean Peninsula 37.5 127.5; Southeast Asia 10 106; Central Asia 42 65;
East Asia 35 115; South Asia 23 80; West Africa 11 -3; East Africa 1 36; North Africa 28 10;
Sub-Saharan Africa 0 20; Southern Africa -25 25; Siberia 62 100; Crimea 45.3 34.4;
Donbas=Donbass 48 38; Kashmir 34.5 76; Gaza Strip 31.4 34.4; West Bank 32 35.25;
Golan Heights 33 35.75; Sinai 29.5 33.8; Eastern Ghouta=Ghouta 33.55 36.4; Darfur 13.5 24.5;
Kordofan 12.5 29.5; Patagonia -45 -69; Mindanao 7.5 125; Luzon 16 121; Visayas 11 123.5;
Borneo 1 114; Cyrenaica 31 22; Tripolitania 31.5 13.5; Fezzan 26 14; Galilee 32.8 35.4;
Negev 30.8 34.8; Anatolia 39 33; New England 43.5 -71.5; Midwest 41.5 -90;
Pacific Northwest 46 -121; Silicon Valley 37.4 -122; Bay Area 37.75 -122.25; Himalayas 28 84;
Alps 46.4 10; Baltic 57 22; Baltic States 57 24; Iberia=Iberian Peninsula 40 -4; Levant 34 36;
Maghreb 32 3; Arabian Peninsula 23 46; Eastern Europe 50 28; Western Europe 48 4;
Northern Europe 60 15; Southern Europe 41 15; Central Europe 49 15; Nagorno-Karabakh 39.9 46.7;
Abkhazia 43 41; South Ossetia 42.3 44; Transnistria 47.2 29.4; Chechen Republic 43.4 45.7;
Punjab Province 31 72.5; Greater Sydney -33.8 151; South Florida 26.1 -80.3;
Southern California 34 -117.5; Northern California 39.5 -121.5; Upstate New York 43 -75.5;
Long Island 40.8 -73.2; Lower Mainland 49.2 -122.6; Greater Toronto Area 43.7 -79.4
"""

_ROW = re.compile(r"^(.+?)\s(-?\d+(?:\.\d+)?)\s(-?\d+(?:\.\d+)?)$")


def _table(text: str) -> dict[tuple[str | None, str], tuple[float, float, tuple[str, ...]]]:
    table: dict[tuple[str | None, str], tuple[float, float, tuple[str, ...]]] = {}
    for block in re.split(r"\[(..)\]", text)[1:]:
        if len(block) == 2:
            country: str | None = None if block == "--" else block
            continue
        for row in block.split(";"):
            match = _ROW.match(" ".join(row.split()))
            if match is None:
                continue
            name, lat, lon = match.groups()
            english, _, local = name.partition("=")
            table[(country, english)] = (float(lat), float(lon), tuple(n for n in local.split("/") if n))
    return table


AREA_POINTS = _table(_AREAS)
COUNTY_POINTS = _table(_COUNTIES)
WIDE_REGIONS = _table(_REGIONS)
