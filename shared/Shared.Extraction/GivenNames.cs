namespace ComplianceConnect.Shared.Extraction;

/// <summary>
/// Common given names across the languages our users browse in. Used only as supporting evidence when a bare
/// heading ("Jane Doe") is the only hint that a page is about a person; an unknown first name is still accepted
/// when something else (a job title line, a bio sentence, the page title) backs it up.
/// </summary>
internal static class GivenNames
{
    private const string List =
        // English
        "aaron abigail adam adrian aidan alan albert alex alexander alexandra alexis alice alicia alison allison amanda amber amelia amy andrea andrew " +
        "angela anna anne annie anthony april arthur ashley audrey austin ava barbara benjamin beth betty beverly bill billy blake bob bobby bonnie " +
        "brad bradley brandon brenda brian brittany brooke bruce bryan caleb cameron carl carla carol caroline carolyn carter catherine charles " +
        "charlie charlotte chelsea cheryl chloe chris christian christina christine christopher cindy claire cody colin connor craig crystal cynthia " +
        "dale dan dana daniel danielle dave david dawn dean deborah debra denise dennis derek diana diane donald donna doris dorothy douglas dylan " +
        "edward eleanor elijah elizabeth ella ellen emily emma eric erica erin ethan eugene evan evelyn frances frank gabriel gary george gerald " +
        "gloria grace greg gregory hannah harold harry heather helen henry holly howard ian isaac isabella jack jackson jacob jacqueline james " +
        "jamie jane janet janice jared jason jean jeff jeffrey jennifer jenny jeremy jerry jesse jessica jill jim jimmy joan joe joel john johnny " +
        "jonathan jordan jose joseph joshua joyce judith judy julia julie justin karen kate katherine kathleen kathryn kathy katie keith kelly " +
        "kenneth kevin kim kimberly kyle larry laura lauren lawrence leah lee leslie liam lily linda lisa logan lori louis lucas lucy luke lydia " +
        "madison margaret maria marie marilyn mark martha martin mary mason matt matthew megan melanie melissa michael michelle mike mildred " +
        "molly monica nancy natalie nathan nathaniel nicholas nick nicole noah nora olivia oliver owen pamela patricia patrick paul paula peggy " +
        "peter philip phillip rachel ralph randy raymond rebecca richard rick robert robin roger ronald rose ruby russell ruth ryan sally " +
        "samantha samuel sandra sara sarah scott sean seth sharon shawn sheila shirley sophia sophie stacy stephanie stephen steve steven susan " +
        "tammy tara teresa terry theresa thomas tiffany timothy tina todd tom tony tracy travis tyler valerie vanessa victoria vincent virginia " +
        "walter wayne wendy william willie zachary zoe ben sam max joe kat meg tim ted ned rob liz beth abby " +
        // German, Austrian, Swiss
        "andreas annika anja antje axel barbara bastian bernd birgit björn carsten christa christiane christoph claudia cornelia dagmar daniela " +
        "dieter dirk doris elke emil erika ernst felix florian frank franz franziska friedrich gabriele georg gerhard gisela günter günther hannes " +
        "hans heike heinz helga helmut holger horst ingrid jan jana jens joachim jörg johanna jonas julian jürgen jutta karin karl katharina " +
        "katrin kerstin klaus konrad kristin lars lea leon lena lukas manfred marco marcus marion markus martina matthias maximilian melanie " +
        "michaela monika nadine niklas nils nina norbert olaf oliver petra philipp rainer ralf regina reinhard renate robert roland rolf sabine " +
        "sandra sascha sebastian silke simon simone sonja stefan stefanie steffen susanne sven tanja thorsten tobias torsten ulrich ulrike ursula " +
        "ute uwe volker werner wolfgang yvonne sophie marie mia emilia hanna luisa tim finn paul jakob elias moritz benedikt dominik fabian " +
        "jannik kai lisa lina luca malte marlene mathias ole pia rebekka tom wiebke clara henrike annette gudrun hildegard waltraud wilhelm " +
        // Swedish, Norwegian, Danish, Finnish
        "agneta anders annika astrid birgitta bo britt camilla carina cecilia dag ebba elin elsa emil erik eva fredrik frida gunnar gustav " +
        "hampus hans henrik ida inger ingrid jakob jenny johan johanna jonas josefin kajsa karin karl kerstin kristina lars lena linnea lisa " +
        "magnus malin maria marie markus martin mats mattias mikael moa nils ola olle oskar patrik per peter petra rasmus sara sofia stina sven " +
        "therese tobias tove ulf ulrika viktor wilma åsa linnéa björn göran håkan jörgen leif lennart mikaela pernilla sanna torbjörn ylva " +
        "mette morten søren jesper henrik kasper mads rune trine helle ingeborg sigrid knut arne bjørn einar geir ole tor kari liv " +
        "aino antti eero heikki jukka juha kari mikko pekka sari timo tuomas ville " +
        // French, Italian, Spanish, Portuguese
        "alain alexandre amélie antoine aurélie benoît bernard camille céline chantal christophe claude clément delphine didier dominique " +
        "émilie éric étienne fabien françois françoise frédéric guillaume hélène hugo isabelle jacques jean-pierre jean-luc jérôme julien " +
        "laurent léa louis lucie manon marc mathieu maxime michel nathalie nicolas olivier pascal philippe pierre sandrine sébastien sophie " +
        "stéphane sylvie thierry thomas valérie vincent virginie yves alessandro alessia andrea angelo antonio chiara davide elena federico " +
        "francesca francesco giacomo gianluca giorgio giovanni giulia giuseppe laura leonardo lorenzo luca lucia marco matteo mattia paola " +
        "paolo roberto sara simone stefano valentina alberto alejandro alicia ana antonio carlos carmen cristina diego elena enrique fernando " +
        "francisco gonzalo javier jorge josé juan laura lucía luis manuel maría marta miguel pablo pedro rafael raúl sergio sofía teresa " +
        "joão pedro rui tiago inês beatriz mariana gonçalo duarte " +
        // Dutch, Belgian
        "bram daan dirk emma eva femke floor frank hendrik jan jeroen joost koen lotte maarten marieke niels pieter ruben sanne sander " +
        "sophie stijn thijs tim wouter willem anouk bas bart britt jasper lieke lisanne mark martijn merel roel ruud sjoerd " +
        // Polish, Czech, Eastern European
        "agnieszka aleksandra andrzej anna barbara dorota ewa grzegorz jakub jan joanna katarzyna krzysztof łukasz magdalena małgorzata " +
        "marcin marek maria michał monika paweł piotr tomasz wojciech zofia jiří jana petr pavel lucie tereza ivan igor olga natalia " +
        "dmitri sergei alexei yulia tatiana oksana andriy olena irina nikolai viktor vladimir ekaterina anastasia " +
        // Other frequent international names
        "ahmed ali amir fatima hassan mohamed mohammed muhammad omar yusuf aisha layla mariam karim nadia samir " +
        "aarav aditi aditya amit anil anita arjun deepak divya kavya kiran krishna manish meera neha nikhil pooja priya rahul raj rajesh " +
        "ravi rohit sanjay sunil suresh vijay vikram anjali ananya " +
        "wei li jun ming hui yan xin yu hao chen jing lei tao hiroshi takeshi yuki kenji akiko haruka sakura daichi ji-hoon min-jun seo-yeon " +
        "kwame kofi ama chinedu ngozi oluwaseun thabo zanele";

    private static readonly HashSet<string> Known =
        new(List.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the first word of <paramref name="name"/> is a common given name.</summary>
    public static bool StartsWithKnownGivenName(string? name)
    {
        if (name is null)
        {
            return false;
        }

        var first = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && (Known.Contains(first) || (first.Contains('-') && Known.Contains(first.Split('-')[0])));
    }
}
